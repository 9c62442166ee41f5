// Decodes a gzip answer body whole, with libdeflate: the module asks for gzip itself (Accept-Encoding) and decodes
// the body once it has arrived, rather than letting libcurl inflate it through zlib as it streams in, because
// libdeflate's whole-buffer inflate costs about half of zlib's (docs/benchmarks.md) and the body is needed whole anyway
// (pages are parsed in place).
// Hostile bodies are bounded: nothing is decoded beyond `limit` bytes, and at most max_gzip_members members are read.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

struct libdeflate_decompressor;

namespace defender {

// Servers send one member; concatenated members are valid gzip, so a few are read.
inline constexpr size_t max_gzip_members = 16;

enum class GzipOutcome {
  ok,         // out holds the decoded body
  too_large,  // it decodes to more than the limit (out is empty)
  corrupt,    // not gzip, truncated, a checksum or length that does not match, or too many members (out is empty)
};

class GzipDecoder {
 public:
  GzipDecoder();
  ~GzipDecoder();
  GzipDecoder(const GzipDecoder &) = delete;
  GzipDecoder &operator=(const GzipDecoder &) = delete;

  GzipOutcome decode(std::string_view gzip, size_t limit, std::string &out);

 private:
  struct Deleter {
    void operator()(libdeflate_decompressor *d) const;
  };
  std::unique_ptr<libdeflate_decompressor, Deleter> decompressor_;
};

}  // namespace defender
