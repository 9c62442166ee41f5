// Acknowledgements name a cursor by number: syslog-ng may acknowledge a message after its source was
// reconfigured or stopped, and a number that no longer resolves is harmless where a pointer is not.
#pragma once

#include <cstdint>
#include <memory>

#include "cursor.h"

namespace defender {

void register_cursor(const std::shared_ptr<Cursor> &cursor);
// Returns the cursor's acknowledged sequence afterwards, or 0 when no such cursor lives.
uint64_t acknowledge_cursor(uint64_t cursor_id, uint64_t sequence);

}  // namespace defender
