// Bytes that prove who we are (a client secret, a private key file, a bearer token) and must not outlive their use.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace defender {

// Wipes and unmaps the pages of a Secret.
struct UnmapSecretPages {
  size_t length = 0;
  void operator()(char *pages) const;
};

// A secret held in pages of its own, which core dumps leave out (MADV_DONTDUMP), and overwritten with
// OPENSSL_cleanse before they are given back: when the Secret is destroyed or assigned another value. A copy has
// pages of its own; a moved-from Secret is empty.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string_view bytes);
  Secret(const Secret &other) : Secret(other.view()) {}
  Secret(Secret &&other) noexcept;
  Secret &operator=(const Secret &other) { return *this = Secret(other); }
  Secret &operator=(Secret &&other) noexcept;
  Secret &operator=(std::string_view bytes) { return *this = Secret(bytes); }
  ~Secret() = default;

  // Room for `capacity` bytes, to be written through data() and then sized with resize().
  static Secret with_capacity(size_t capacity);

  std::string_view view() const { return {pages_.get(), size_}; }
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  char *data() { return pages_.get(); }
  // Requires size <= capacity(). Bytes past the new size are overwritten.
  void resize(size_t size);
  // Empty, its pages wiped and given back.
  void clear() { *this = Secret(); }

 private:
  std::unique_ptr<char, UnmapSecretPages> pages_;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

// Overwrites every byte the string holds (its whole capacity), then empties it: for secrets that must travel as
// std::string (a request body, a header).
void wipe(std::string &text);

// A file that holds a secret, read without leaving copies behind: no stdio or stream buffer, straight into a Secret.
// Only a regular file is read: a FIFO or a device is refused as soon as it is opened (without blocking, which a FIFO
// without a writer would do), so that a wrong path cannot stall syslog-ng's configuration load.
struct SecretFile {
  Secret bytes;
  int error = 0;             // errno of the open or read that failed; 0 when read
  bool not_regular = false;  // a FIFO, a device, a directory, a socket: refused, not read
  bool too_large = false;    // the file holds more than the limit; bytes is empty
  unsigned mode = 0;         // the permission bits of the file read (st_mode & 07777), from the descriptor read
};
SecretFile read_secret_file(const std::string &path, size_t limit);

}  // namespace defender
