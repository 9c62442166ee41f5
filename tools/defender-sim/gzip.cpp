#include "gzip.h"

#include <zlib.h>

#include <stdexcept>

#include "url.h"

namespace sim {
namespace {

constexpr int kLevel = 1;
// Segments are single alerts of a few KiB: a 4 KiB window and a small hash table compress them as well as the
// defaults do, and set up much faster (the hash table is cleared for every segment).
constexpr int kSegmentWindowBits = -12;
constexpr int kSegmentMemLevel = 5;

class Deflater {
 public:
  Deflater(int level, int window_bits, int mem_level = 8) {
    if (deflateInit2(&z_, level, Z_DEFLATED, window_bits, mem_level, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("deflateInit2 failed");
  }
  ~Deflater() { deflateEnd(&z_); }
  Deflater(const Deflater &) = delete;
  Deflater &operator=(const Deflater &) = delete;

  // Compresses all of `in` with `flush` (Z_SYNC_FLUSH or Z_FINISH), appending to `out`.
  void run(std::string_view in, int flush, std::string &out) {
    const std::size_t start = out.size();
    out.resize(start + deflateBound(&z_, static_cast<uLong>(in.size())) + 16);
    z_.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    z_.avail_in = static_cast<uInt>(in.size());
    z_.next_out = reinterpret_cast<Bytef *>(out.data() + start);
    z_.avail_out = static_cast<uInt>(out.size() - start);
    const int rc = deflate(&z_, flush);
    if ((flush == Z_FINISH && rc != Z_STREAM_END) || (flush != Z_FINISH && rc != Z_OK) || z_.avail_in != 0)
      throw std::runtime_error("deflate failed");
    out.resize(out.size() - z_.avail_out);
  }

 private:
  z_stream z_{};
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::uint32_t crc_of(std::string_view text) {
  return static_cast<std::uint32_t>(
      crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef *>(text.data()), static_cast<uInt>(text.size())));
}

void put_le32(std::string &out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i) & 0xFF);
}

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  Deflater d(level, 15 + 16);  // +16: gzip wrapper
  std::string out;
  d.run(data, Z_FINISH, out);
  return out;
}

bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string_view coding = trim(item.substr(0, semi));
    if (!iequals(coding, "gzip") && !iequals(coding, "x-gzip") && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    const std::string_view param = trim(item.substr(semi + 1));
    if (!param.starts_with("q=") && !param.starts_with("Q=")) return true;
    const std::string_view q = param.substr(2);
    return q.find_first_not_of("0.") != std::string_view::npos;  // q=0, q=0.0, q=0.000 refuse it
  }
  return false;
}

DeflateSegment deflate_segment(std::string_view text, int level) {
  DeflateSegment s;
  Deflater d(level, kSegmentWindowBits, kSegmentMemLevel);  // raw deflate: the gzip wrapper is added per page
  d.run(text, Z_SYNC_FLUSH, s.data);
  s.data.shrink_to_fit();  // deflateBound over-reserves; thousands of cached segments must not keep that
  s.crc = crc_of(text);
  s.length = text.size();
  return s;
}

GzipConcatenator::GzipConcatenator() : crc_(crc_of({})) {
  out_ = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);  // no name, no mtime, unknown OS
}

void GzipConcatenator::add(std::string_view text) {
  if (!text.empty()) add(deflate_segment(text));
}

void GzipConcatenator::add(const DeflateSegment &segment) {
  out_ += segment.data;
  crc_ = static_cast<std::uint32_t>(crc32_combine(crc_, segment.crc, static_cast<z_off_t>(segment.length)));
  length_ += segment.length;
}

std::string GzipConcatenator::finish(std::string_view text) {
  Deflater d(kLevel, kSegmentWindowBits, kSegmentMemLevel);
  d.run(text, Z_FINISH, out_);  // ends with the final block
  crc_ = static_cast<std::uint32_t>(crc32_combine(crc_, crc_of(text), static_cast<z_off_t>(text.size())));
  length_ += text.size();
  put_le32(out_, crc_);
  put_le32(out_, static_cast<std::uint32_t>(length_));
  return std::move(out_);
}

}  // namespace sim
