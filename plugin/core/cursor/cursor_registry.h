// Acknowledgements name a cursor by number: syslog-ng may acknowledge a message after its source was
// reconfigured or stopped, and a number that no longer resolves is harmless where a pointer is not. The registry
// keeps a cursor that no source holds any more until all its messages are acknowledged, so those late
// acknowledgements are still applied in the order of their runs and persisted.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "cursor/cursor.h"

namespace defender {

void register_cursor(const std::shared_ptr<Cursor> &cursor);
// Returns the cursor's acknowledged sequence afterwards, or nothing when no such cursor is known.
std::optional<uint64_t> acknowledge_cursor(uint64_t cursor_id, uint64_t sequence);

}  // namespace defender
