#pragma once

#include <cstddef>
#include <cstdint>

#include "alert_model.h"

namespace sim {

// Rewrites an alert's free-text fields with what a SIEM pipeline must survive (--hostile-rate): CEF and LEEF
// delimiters (pipes, backslashes, '='), CR/LF/TAB, a NUL (JSON \u0000), a forged syslog+CEF record inside a command
// line, emoji, CJK, and now and then a description of exactly 64 KiB. All of it is valid JSON: the alert is real
// data that must be delivered, intact and on one line. Deterministic per (seed, index).
void make_hostile(Alert &alert, std::uint64_t seed, std::uint64_t index);

// The exact size of the long descriptions.
inline constexpr std::size_t kHostileDescriptionBytes = 64 * 1024;

}  // namespace sim
