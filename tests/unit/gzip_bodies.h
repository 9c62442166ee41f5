// gzip bodies for the tests of answers: made with zlib, independently of the module's decoder (libdeflate).
#pragma once

#include <zlib.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace defender::test {

// One gzip member of `text` (zeros compress about a thousandfold).
inline std::string gzip_of(std::string_view text) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int finished = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (finished != Z_STREAM_END) throw std::runtime_error("deflate");
  return out;
}

// A gzip member of `blocks` empty stored deflate blocks: five bytes each on the wire, nothing decoded.
inline std::string gzip_of_empty_blocks(size_t blocks) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  for (size_t i = 0; i < blocks; ++i) out.append("\x00\x00\x00\xff\xff", 5);
  out.append("\x01\x00\x00\xff\xff", 5);  // the final block
  out.append(8, '\0');                    // CRC-32 and length of nothing
  return out;
}

}  // namespace defender::test
