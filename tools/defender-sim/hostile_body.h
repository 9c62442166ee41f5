#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "api_kind.h"
#include "hostile_answers.h"
#include "http_message.h"

namespace sim {

inline constexpr std::size_t kHostileNestingDepth = 100'000;
inline constexpr std::size_t kHostileNumberDigits = 10'000;
inline constexpr std::size_t kHostileHugeBytes = std::size_t{100} << 20;
inline constexpr std::uint64_t kHostileBombInflatedBytes = std::uint64_t{1} << 30;
// "0," this many times and a last "0": 63 MiB inflated, under a client's usual 64 MiB bound on an answer, so that it
// is read rather than abandoned, and 16 bytes a value in a parsed tree would take over 500 MB.
inline constexpr std::uint64_t kHostileWideArrayZeros = (std::uint64_t{63} << 20) / 2 + 1;

// The text around a hostile answer's members, in the shape of the answer it replaces.
struct HostileEnvelope {
  std::string head;  // up to the members, e.g. {"value":[{"id":"hostile-gzip-bomb",
  std::string tail;  // after them, e.g. }]}
};

// A page of `api` with one alert; a token answer without a token; an error. None has what a client needs from such
// an answer (a page's alert has no time, the token answer no token), so no client can take it for the real one.
HostileEnvelope page_envelope(Api api, HostileKind kind);
HostileEnvelope token_envelope();
HostileEnvelope error_envelope(HostileKind kind);

// Replaces the body of `r` with `envelope` around members of `kind`; status and headers stay, and a gzip bomb or a
// wide array adds Content-Encoding: gzip. The huge body goes in r.filler, written as it is sent; the bomb and the
// wide array repeat one compressed block: none is ever held at its full size.
void make_hostile(HttpResponse &r, HostileKind kind, const HostileEnvelope &envelope);

}  // namespace sim
