// When a source's checkpoint is written, and its bytes. Versions handed out but not yet in a checkpoint are
// written at once (the write-ahead rule, docs/architecture.md); other progress (acknowledgements, an empty poll)
// at most once per interval, so acknowledgements do not each cost a persist write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cursor/checkpoint_identity.h"
#include "cursor/cursor.h"
#include "instant.h"

namespace defender {

class CheckpointWriter {
 public:
  static constexpr int64_t interval_ms = 1000;

  // generation: the restored checkpoint's, so every one written is newer than both persisted copies.
  CheckpointWriter(CheckpointIdentity identity, uint64_t generation) : identity_(identity), generation_(generation) {}

  // The checkpoint to persist now, or nothing when none is due; `force` writes one regardless (deinit).
  // The bytes stay valid until the next call.
  std::optional<std::string_view> due(Cursor &cursor, Instant now, bool force);

 private:
  CheckpointIdentity identity_;
  uint64_t generation_;
  Instant last_written_{};
  std::string bytes_;
};

}  // namespace defender
