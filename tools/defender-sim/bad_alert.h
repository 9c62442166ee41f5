#pragma once

#include <string>
#include <string_view>

#include "fault_plan.h"

namespace sim {

// One alert's JSON made unreadable as a bad-alert fault asks. Malformed: a stray word after the object's first
// member — brackets and quotes still balance, so a client that splits a page into its elements can skip just this
// one. Invalid UTF-8: bytes that are not UTF-8 at the start of the value of `title_key`.
std::string break_alert(std::string_view json, FaultMode mode, std::string_view title_key);

// Which alert of a page of `size` to break: the middle one; `size` (none) when there is no fault or no alert.
inline std::size_t broken_index(FaultMode mode, std::size_t size) {
  return mode != FaultMode::None && size > 0 ? size / 2 : size;
}

}  // namespace sim
