#include "transport/gzip_decoder.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <new>

namespace defender {
namespace {

// The gzip trailer's ISIZE: the last member's decoded size modulo 2^32, little-endian in the last four bytes. Only
// a first guess at the space needed: a hostile server can write anything there.
size_t trailer_size(std::string_view gzip) {
  if (gzip.size() < 4) return 0;
  const auto *end = reinterpret_cast<const unsigned char *>(gzip.data() + gzip.size());
  return static_cast<size_t>(end[-4]) | static_cast<size_t>(end[-3]) << 8 | static_cast<size_t>(end[-2]) << 16 |
         static_cast<size_t>(end[-1]) << 24;
}

}  // namespace

void GzipDecoder::Deleter::operator()(libdeflate_decompressor *d) const { libdeflate_free_decompressor(d); }

GzipDecoder::GzipDecoder() : decompressor_(libdeflate_alloc_decompressor()) {
  if (!decompressor_) throw std::bad_alloc();
}

GzipDecoder::~GzipDecoder() = default;

GzipOutcome GzipDecoder::decode(std::string_view gzip, size_t limit, std::string &out) {
  out.clear();
  if (gzip.empty()) return GzipOutcome::ok;
  if (!gzip.starts_with("\x1f\x8b")) return GzipOutcome::corrupt;  // gzip's magic number
  const size_t claimed = trailer_size(gzip);
  for (size_t members = 0; !gzip.empty(); ++members) {
    if (members == max_gzip_members) {
      out.clear();
      return GzipOutcome::corrupt;
    }
    const size_t base = out.size();
    const size_t room = limit - base;
    // The trailer's size first, which is the member's own when there is one member (what servers send); else, or
    // when it lied, all the room left. Decoding tells a body too large from a corrupt one, at most `limit` bytes.
    const size_t first_try = members == 0 ? std::min(claimed, room) : room;
    for (const size_t space : {first_try, room}) {
      out.resize(base + space);
      size_t used_in = 0;
      size_t used_out = 0;
      const libdeflate_result result = libdeflate_gzip_decompress_ex(decompressor_.get(), gzip.data(), gzip.size(),
                                                                     out.data() + base, space, &used_in, &used_out);
      if (result == LIBDEFLATE_SUCCESS) {
        out.resize(base + used_out);
        gzip.remove_prefix(used_in);
        break;
      }
      if (result != LIBDEFLATE_INSUFFICIENT_SPACE) {
        out.clear();
        return GzipOutcome::corrupt;
      }
      if (space == room) {
        out.clear();
        return GzipOutcome::too_large;
      }
    }
  }
  return GzipOutcome::ok;
}

}  // namespace defender
