// What a SIEM pipeline must survive in a record's free text (--hostile-rate): CEF and LEEF metacharacters (| = \ ^),
// CR, LF and TAB, quotes, control characters, a forged syslog+CEF and LEEF record, non-ASCII text (accents, CJK,
// emoji, zero-width and right-to-left marks) and text up to 4 KiB. All of it valid UTF-8 in valid JSON: the record is
// real data that must be delivered intact, on one line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "defender-sim/random.h"

namespace streamsim {

// The longest text a hostile value grows to.
inline constexpr std::size_t kLongestHostileText = 4096;

class HostileText {
 public:
  explicit HostileText(std::uint64_t seed) : rng_(seed) {}

  // Whether the record's next free-text column gets hostile text: the first always, later ones now and then, so that
  // a hostile record has at least one hostile column and usually several.
  bool wants_next();
  // The value with one kind of hostile text added, or grown to 1 to 4 KiB.
  std::string apply(std::string_view value);

 private:
  sim::Rng rng_;
  bool first_ = true;
};

}  // namespace streamsim
