// A file of the tests' own in a private directory, with the mode a test asks for, removed at the end of the test; and a
// FIFO likewise.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace defender::test {

class PrivateFile {
 public:
  explicit PrivateFile(const std::string &content, mode_t mode = 0600) {
    char pattern[] = "/tmp/defender-test-XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ + "/secret";
    std::ofstream(path_, std::ios::binary) << content;
    chmod(path_.c_str(), mode);
  }
  ~PrivateFile() {
    std::remove(path_.c_str());
    rmdir(dir_.c_str());
  }
  PrivateFile(const PrivateFile &) = delete;
  PrivateFile &operator=(const PrivateFile &) = delete;

  const std::string &path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

// A FIFO with no writer in a private directory, removed at the end of the test: opening it to read blocks until a
// writer comes, which never does.
class PrivateFifo {
 public:
  PrivateFifo() {
    char pattern[] = "/tmp/defender-test-XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ + "/fifo";
    mkfifo(path_.c_str(), 0600);
  }
  ~PrivateFifo() {
    std::remove(path_.c_str());
    rmdir(dir_.c_str());
  }
  PrivateFifo(const PrivateFifo &) = delete;
  PrivateFifo &operator=(const PrivateFifo &) = delete;

  const std::string &path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace defender::test
