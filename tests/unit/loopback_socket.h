// The listening socket of the unit tests' own small servers: 127.0.0.1 only, on a port the kernel chooses.
#pragma once

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace defender::test {

// Returns the socket and sets `port`; the caller closes it.
inline int listen_on_loopback(int &port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
  port = ntohs(addr.sin_port);
  REQUIRE(listen(fd, 4) == 0);
  return fd;
}

}  // namespace defender::test
