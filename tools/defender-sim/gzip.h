#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sim {

// A gzip member of `data`; level 1 because throughput matters more than size here.
std::string gzip_compress(std::string_view data, int level = 1);

// Whether an Accept-Encoding header value allows gzip (and not with q=0).
bool accepts_gzip(std::string_view accept_encoding);

// Text compressed on its own as byte-aligned, non-final deflate blocks (fresh dictionary, sync flush), so that
// segments can be concatenated into one deflate stream. Pages reuse each alert version's segment instead of
// compressing the same JSON again for every client.
struct DeflateSegment {
  std::string data;
  std::uint32_t crc = 0;     // CRC-32 of the uncompressed text
  std::uint64_t length = 0;  // uncompressed length
};

DeflateSegment deflate_segment(std::string_view text, int level = 1);

// Assembles a gzip member from live text and cached segments, in order.
class GzipConcatenator {
 public:
  GzipConcatenator();
  void add(std::string_view text);
  void add(const DeflateSegment &segment);
  // Adds the final text (may be empty) and returns the whole member.
  std::string finish(std::string_view text);

 private:
  std::string out_;
  std::uint32_t crc_;
  std::uint64_t length_ = 0;
};

}  // namespace sim
