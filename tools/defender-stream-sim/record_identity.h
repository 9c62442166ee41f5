// How every generated record is told apart in the module's output, defined here and nowhere else on the C++ side
// (tests/integration/lib/stream_sim.py's record_key is the Python side): record i of a run has its own
// properties.Timestamp, so <category>|<properties.Timestamp> names exactly one record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "defender-sim/timestamp.h"

namespace streamsim {

// 2025-06-02T08:00:00Z. Fixed, so that the same seed gives the same records, keys and ledger on every run.
inline constexpr sim::Ticks kFirstTimestamp = 17'488'512'000'000'000;
// Record i happens this many 100 ns ticks after record i-1: a step that moves all seven fraction digits, so that a
// consumer cutting them short would show as a broken key; 5,000,000 records span about ten minutes.
inline constexpr sim::Ticks kTicksBetweenRecords = 1237;

sim::Ticks record_timestamp(std::uint64_t index);

// The Timestamp column of record `index`, with the seven fraction digits Defender writes.
std::string record_timestamp_text(std::uint64_t index);

// "<category>|<Timestamp>": "AdvancedHunting-DeviceProcessEvents|2025-06-02T08:00:00.0001237Z".
std::string record_key(std::string_view category, std::string_view timestamp);

}  // namespace streamsim
