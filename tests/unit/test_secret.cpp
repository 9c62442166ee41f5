// Secrets in memory: held in pages that core dumps leave out, wiped when shortened, replaced or dropped.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "credentials/secret.h"
#include "private_file.h"

using defender::Secret;

namespace {

// The VmFlags of the mapping that holds the address, from /proc/self/smaps; empty when no mapping holds it.
// A mapping starts with a line "<start>-<end> <permissions> ...", whose first word has a '-' and no ':'.
std::string vm_flags_at(const void *address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    const std::string first_word = line.substr(0, line.find(' '));
    unsigned long start = 0, end = 0;
    if (first_word.find(':') == std::string::npos && std::sscanf(first_word.c_str(), "%lx-%lx", &start, &end) == 2) {
      inside = at >= start && at < end;
    } else if (inside && line.starts_with("VmFlags:")) {
      return line.substr(8);
    }
  }
  return {};
}

bool is_mapped(const void *address) { return !vm_flags_at(address).empty(); }

}  // namespace

TEST_CASE("a Secret holds its bytes in pages that core dumps leave out") {
  const Secret secret("s3cr3t~value");
  CHECK(secret.view() == "s3cr3t~value");
  CHECK(secret.size() == 12);
  CHECK(vm_flags_at(secret.view().data()).find(" dd") != std::string::npos);
}

TEST_CASE("an empty Secret holds no pages") {
  const Secret secret("");
  CHECK(secret.empty());
  CHECK(secret.view().empty());
}

TEST_CASE("a copy has pages of its own") {
  Secret original("first");
  const Secret copy = original;
  original.data()[0] = 'F';
  CHECK(original.view() == "First");
  CHECK(copy.view() == "first");
  CHECK(copy.view().data() != original.view().data());
}

TEST_CASE("a moved-from Secret is empty and the pages move with the value") {
  Secret source("value");
  const char *pages = source.view().data();
  const Secret target = std::move(source);
  CHECK(target.view() == "value");
  CHECK(target.view().data() == pages);
  CHECK(source.empty());  // NOLINT(bugprone-use-after-move): what a move leaves is specified
  CHECK(source.view().empty());
}

TEST_CASE("assigning another value gives the old pages back") {
  Secret secret("old value");
  const char *old_pages = secret.view().data();
  REQUIRE(is_mapped(old_pages));
  secret = Secret("new value");
  CHECK(secret.view() == "new value");
  CHECK_FALSE(is_mapped(old_pages));
  secret.clear();
  CHECK(secret.empty());
}

TEST_CASE("a destroyed Secret gives its pages back") {
  const char *pages = nullptr;
  {
    const Secret secret("short-lived");
    pages = secret.view().data();
    REQUIRE(is_mapped(pages));
  }
  CHECK_FALSE(is_mapped(pages));
}

TEST_CASE("shortening a Secret overwrites the bytes it no longer holds") {
  Secret secret("keep+drop");
  secret.resize(4);
  CHECK(secret.view() == "keep");
  CHECK(std::string(secret.data() + 4, 5) == std::string(5, '\0'));
}

TEST_CASE("wipe overwrites every byte a string holds and empties it, keeping its buffer") {
  std::string text(100, 'x');
  const char *buffer = text.data();
  const size_t capacity = text.capacity();
  defender::wipe(text);
  CHECK(text.empty());
  REQUIRE(text.data() == buffer);
  REQUIRE(text.capacity() == capacity);
  CHECK(std::string(buffer, capacity) == std::string(capacity, '\0'));
}

TEST_CASE("a secret file is read whole, up to its limit") {
  const defender::test::PrivateFile file("0123456789");
  const auto read = defender::read_secret_file(file.path(), 10);
  CHECK(read.error == 0);
  CHECK_FALSE(read.too_large);
  CHECK(read.bytes.view() == "0123456789");
}

TEST_CASE("a secret file over its limit is refused and nothing of it is kept") {
  const defender::test::PrivateFile file("0123456789x");
  const auto read = defender::read_secret_file(file.path(), 10);
  CHECK(read.error == 0);
  CHECK(read.too_large);
  CHECK(read.bytes.empty());
}

TEST_CASE("a secret file that cannot be opened gives the reason") {
  const auto read = defender::read_secret_file("/nonexistent/secret", 10);
  CHECK(read.error == ENOENT);
  CHECK(read.bytes.empty());
}

TEST_CASE("a FIFO is refused as soon as it is opened, without waiting for a writer") {
  const defender::test::PrivateFifo fifo;
  const auto read = defender::read_secret_file(fifo.path(), 10);
  CHECK(read.not_regular);
  CHECK(read.error == 0);
  CHECK(read.bytes.empty());
}

TEST_CASE("a directory is refused as not a regular file") {
  const auto read = defender::read_secret_file("/tmp", 10);
  CHECK(read.not_regular);
  CHECK(read.error == 0);
  CHECK(read.bytes.empty());
}

TEST_CASE("a secret file's permission bits come with its bytes") {
  const defender::test::PrivateFile file("0123456789", 0640);
  const auto read = defender::read_secret_file(file.path(), 10);
  CHECK(read.bytes.view() == "0123456789");
  CHECK(read.mode == 0640);
}
