#include "socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sim {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

Listener listen_loopback(std::uint16_t port) {
  Listener l;
  l.fd = UniqueFd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!l.fd.valid()) return {UniqueFd{}, 0, std::string("socket: ") + std::strerror(errno)};
  const int one = 1;
  ::setsockopt(l.fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::bind(l.fd.get(), reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
    return {UniqueFd{}, 0, "bind 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno)};
  if (::listen(l.fd.get(), 256) != 0) return {UniqueFd{}, 0, std::string("listen: ") + std::strerror(errno)};
  socklen_t len = sizeof addr;
  if (::getsockname(l.fd.get(), reinterpret_cast<sockaddr *>(&addr), &len) != 0)
    return {UniqueFd{}, 0, std::string("getsockname: ") + std::strerror(errno)};
  l.port = ntohs(addr.sin_port);
  return l;
}

void set_socket_timeouts(int fd, int seconds) {
  const timeval tv{seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

}  // namespace sim
