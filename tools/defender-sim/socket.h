#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace sim {

// Owns a file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd &&other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd &operator=(UniqueFd &&other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd &) = delete;
  UniqueFd &operator=(const UniqueFd &) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

struct Listener {
  UniqueFd fd;
  std::uint16_t port = 0;
  std::string error;
};

// A listening TCP socket on 127.0.0.1 only (port 0: ephemeral).
Listener listen_loopback(std::uint16_t port);

void set_socket_timeouts(int fd, int seconds);

}  // namespace sim
