#include "credentials/secret.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

namespace defender {
namespace {

// A file descriptor, closed when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) close(fd_);
  }
  Descriptor(const Descriptor &) = delete;
  Descriptor &operator=(const Descriptor &) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

void UnmapSecretPages::operator()(char *pages) const {
  OPENSSL_cleanse(pages, length);
  munmap(pages, length);
}

Secret Secret::with_capacity(size_t capacity) {
  Secret secret;
  if (capacity == 0) return secret;
  const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t length = (capacity + page - 1) / page * page;
  void *pages = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED) throw std::bad_alloc();
  // Best effort: a kernel that cannot leave the pages out of a core dump still gets them wiped.
  madvise(pages, length, MADV_DONTDUMP);
  secret.pages_ = std::unique_ptr<char, UnmapSecretPages>(static_cast<char *>(pages), UnmapSecretPages{length});
  secret.capacity_ = capacity;
  return secret;
}

Secret::Secret(std::string_view bytes) : Secret(with_capacity(bytes.size())) {
  if (!bytes.empty()) std::memcpy(pages_.get(), bytes.data(), bytes.size());
  size_ = bytes.size();
}

Secret::Secret(Secret &&other) noexcept
    : pages_(std::move(other.pages_)),
      capacity_(std::exchange(other.capacity_, 0)),
      size_(std::exchange(other.size_, 0)) {}

Secret &Secret::operator=(Secret &&other) noexcept {
  pages_ = std::move(other.pages_);  // the pages held until now are wiped and unmapped here
  capacity_ = std::exchange(other.capacity_, 0);
  size_ = std::exchange(other.size_, 0);
  return *this;
}

void Secret::resize(size_t size) {
  if (size < size_) OPENSSL_cleanse(pages_.get() + size, size_ - size);
  size_ = size;
}

void wipe(std::string &text) {
  OPENSSL_cleanse(text.data(), text.capacity());
  text.clear();
}

SecretFile read_secret_file(const std::string &path, size_t limit) {
  SecretFile file;
  const Descriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) {
    file.error = errno;
    return file;
  }
  struct stat st;
  if (fstat(fd.get(), &st) != 0) {
    file.error = errno;
    return file;
  }
  if (!S_ISREG(st.st_mode)) {
    file.not_regular = true;
    return file;
  }
  file.mode = static_cast<unsigned>(st.st_mode & 07777);
  // One byte more than the limit tells a file at the limit from a longer one.
  Secret bytes = Secret::with_capacity(limit + 1);
  size_t filled = 0;
  while (filled < bytes.capacity()) {
    const ssize_t n = read(fd.get(), bytes.data() + filled, bytes.capacity() - filled);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      file.error = errno;
      break;
    }
    filled += static_cast<size_t>(n);
  }
  bytes.resize(filled);
  if (file.error != 0) return file;
  if (filled > limit) {
    file.too_large = true;
    return file;
  }
  file.bytes = std::move(bytes);
  return file;
}

}  // namespace defender
