#include "malformed_body.h"

#include <array>

#include "defender-sim/random.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

constexpr std::array kKinds{"not-json"sv, "no-records"sv, "records-not-array"sv, "truncated"sv, "invalid-utf8"sv};

// Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a cut sequence, bytes never used), a NUL, and
// random bytes; never CR or LF.
std::string binary(sim::Rng &rng, const std::string &marker) {
  std::string body("\xFF\xFE\x00\x01\x02 "sv);
  body += marker;
  body += " \x80\xC0\xAF\xE2\x82 \xF0\x9F\x92 \xF5\xFF"sv;
  const auto length = rng.between(64, 512);
  for (std::int64_t i = 0; i < length; ++i) {
    auto byte = static_cast<char>(rng.below(256));
    if (byte == '\n' || byte == '\r') byte = '\x7F';
    body += byte;
  }
  return body;
}

}  // namespace

MalformedBody malformed_body(std::uint64_t n, std::uint64_t seed) {
  sim::Rng rng(sim::mix_seed(seed ^ 0xBAD0B0D7ULL, n));
  MalformedBody m;
  m.marker = "malformed-" + std::to_string(n);
  m.kind = kKinds[(n - 1) % kKinds.size()];
  if (m.kind == "not-json") {
    m.body = "<html><head><title>502 Bad Gateway</title></head><body>" + m.marker + " upstream closed</body></html>";
  } else if (m.kind == "no-records") {
    m.body = R"({"value":[{"marker":")" + m.marker + R"("}],"error":null})";
  } else if (m.kind == "records-not-array") {
    m.body = R"({"records":{"marker":")" + m.marker + R"(","time":"2025-06-02T08:00:00Z"}})";
  } else if (m.kind == "truncated") {
    // Cut inside the first record: no whole record comes before the cut, so the body gives only an unparsed record.
    m.body = R"({"records":[{"time":"2025-06-02T08:00:05.1234567Z","tenantId":"00000000-0000-0000-0000-000000000000",)"
             R"("operationName":"Publish","category":"AdvancedHunting-DeviceProcessEvents","properties":{)"
             R"("DeviceName":")" +
             m.marker + R"( cut here","ProcessCommandLine":"powershell.exe -enc SQBFAFgA)";
  } else {
    m.body = binary(rng, m.marker);
  }
  return m;
}

}  // namespace streamsim
