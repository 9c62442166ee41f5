#include "cursor/checkpoint_writer.h"

#include "cursor/checkpoint_codec.h"

namespace defender {

std::optional<std::string_view> CheckpointWriter::due(Cursor &cursor, Instant now, bool force) {
  const bool interval_passed = now.ticks - last_written_.ticks >= interval_ms * Instant::ticks_per_millisecond;
  if (!force && !cursor.has_unsaved_emissions() && !(cursor.has_unsaved_progress() && interval_passed))
    return std::nullopt;
  encode_checkpoint(Checkpoint{++generation_, identity_, cursor.snapshot()}, bytes_);
  last_written_ = now;
  return std::string_view(bytes_);
}

}  // namespace defender
