#include "hostile_body.h"

#include "gzip.h"

namespace sim {
namespace {

constexpr std::size_t kFillerBlock = 64 << 10;
constexpr std::size_t kBombBlock = 1 << 20;

std::string id_member(std::string_view key, HostileKind kind) {
  return '"' + std::string(key) + "\":\"hostile-" + std::string(hostile_kind_name(kind)) + "\",";
}

// Arrays and objects in turn, kHostileNestingDepth levels: [{"a":[{"a":...null...}]}].
std::string deep_nesting() {
  constexpr std::string_view kOpen = "[{\"a\":";
  constexpr std::string_view kClose = "}]";
  std::string out = "\"evidence\":";
  out.reserve(out.size() + kHostileNestingDepth / 2 * (kOpen.size() + kClose.size()) + 4);
  for (std::size_t i = 0; i < kHostileNestingDepth / 2; ++i) out += kOpen;
  out += "null";
  for (std::size_t i = 0; i < kHostileNestingDepth / 2; ++i) out += kClose;
  return out;
}

std::string digits(std::size_t n) {
  std::string out(n, '0');
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>('1' + i % 9);
  return out;
}

// An integer and a fraction of kHostileNumberDigits digits each.
std::string long_numbers() {
  return "\"riskScore\":" + digits(kHostileNumberDigits) + ",\"confidence\":0." + digits(kHostileNumberDigits);
}

// Lone continuation bytes, a sequence cut short, a UTF-16 surrogate, an overlong '/', a code point past U+10FFFF.
std::string invalid_utf8_keys() {
  return "\"\xff\xfe\":\"lone bytes\",\"title\xc3\":\"cut short\",\"\xed\xa0\x80\":\"surrogate\","
         "\"\xc0\xaf\":\"overlong\",\"\xf4\x90\x80\x80\":\"past U+10FFFF\"";
}

// One block of kBombBlock 'A's, compressed once for every bomb; level 9 gets near deflate's limit (about 1:1000),
// where level 1 stops at about 1:230.
const DeflateSegment &bomb_block() {
  static const DeflateSegment block = deflate_segment(std::string(kBombBlock, 'A'), 9);
  return block;
}

std::string gzip_bomb(const HostileEnvelope &envelope) {
  GzipConcatenator packed;
  packed.add(envelope.head + "\"description\":\"");
  for (std::uint64_t i = 0; i < kHostileBombInflatedBytes / kBombBlock; ++i) packed.add(bomb_block());
  return packed.finish("\"" + envelope.tail);
}

// kBombBlock bytes of "0,", compressed once for every wide array.
const DeflateSegment &zeros_block() {
  static const DeflateSegment block = [] {
    std::string zeros;
    zeros.reserve(kBombBlock);
    while (zeros.size() < kBombBlock) zeros += "0,";
    return deflate_segment(zeros, 9);
  }();
  return block;
}

// "evidence":[0,0,...,0] with kHostileWideArrayZeros zeros.
std::string wide_array(const HostileEnvelope &envelope) {
  constexpr std::uint64_t kZerosPerBlock = kBombBlock / 2;
  static_assert((kHostileWideArrayZeros - 1) % kZerosPerBlock == 0);
  GzipConcatenator packed;
  packed.add(envelope.head + "\"evidence\":[");
  for (std::uint64_t i = 0; i < (kHostileWideArrayZeros - 1) / kZerosPerBlock; ++i) packed.add(zeros_block());
  return packed.finish("0]" + envelope.tail);
}

}  // namespace

HostileEnvelope page_envelope(Api api, HostileKind kind) {
  if (api == Api::Siem) return {"[{" + id_member("AlertId", kind), "}]"};
  return {"{\"value\":[{" + id_member("id", kind), "}]}"};
}

HostileEnvelope token_envelope() { return {"{\"token_type\":\"Bearer\",\"expires_in\":3599,", "}"}; }

HostileEnvelope error_envelope(HostileKind kind) { return {"{\"error\":{" + id_member("code", kind), "}}"}; }

void make_hostile(HttpResponse &r, HostileKind kind, const HostileEnvelope &envelope) {
  r.filler = {};
  switch (kind) {
    case HostileKind::DeepNesting:
      r.body = envelope.head + deep_nesting() + envelope.tail;
      break;
    case HostileKind::LongNumbers:
      r.body = envelope.head + long_numbers() + envelope.tail;
      break;
    case HostileKind::InvalidUtf8Keys:
      r.body = envelope.head + invalid_utf8_keys() + envelope.tail;
      break;
    case HostileKind::HugeBody:
      r.body = envelope.head + "\"description\":\"";
      r.filler = {std::string(kFillerBlock, 'A'), kHostileHugeBytes / kFillerBlock, "\"" + envelope.tail};
      break;
    case HostileKind::GzipBomb:
      r.body = gzip_bomb(envelope);
      r.set_header("Content-Encoding", "gzip");
      break;
    case HostileKind::WideArray:
      r.body = wide_array(envelope);
      r.set_header("Content-Encoding", "gzip");
      break;
  }
}

}  // namespace sim
