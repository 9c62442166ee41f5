// The bodies --malformed-every sends instead of an event: each kind of body the module must turn into one unparsed
// record rather than drop or choke on. Each carries its marker, "malformed-<n>", followed by a byte that is not a
// digit, so that a test finds exactly its body in what the module delivered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace streamsim {

struct MalformedBody {
  std::string marker;     // "malformed-<n>"
  std::string_view kind;  // not-json, no-records, records-not-array, truncated, invalid-utf8
  std::string body;       // holds no CR or LF byte: hub_dump.h shows a body on one line
};

// The n-th malformed body of a run (n from 1); the kinds take turns, in the order above.
MalformedBody malformed_body(std::uint64_t n, std::uint64_t seed);

}  // namespace streamsim
