// Which state a starting source continues from: the cursor its previous instance kept across a reload, the
// checkpoint in the persist file, or a fresh start from initial-lookback(). A state that belongs to another
// configuration (checkpoint_identity.h) is never continued from, and the log says which option differs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "config/options.h"
#include "cursor/checkpoint_identity.h"
#include "cursor/cursor.h"
#include "instant.h"
#include "reporting/logger.h"

namespace defender {

// A stopped source's cursor, handed to the source that replaces it on reload.
struct KeptCursor {
  std::shared_ptr<Cursor> cursor;
  CheckpointIdentity identity;  // of the configuration that read with it
};

struct RestoredCursor {
  std::shared_ptr<Cursor> cursor;
  Instant floor;              // where a fresh start reads from; Instant{} when continuing
  std::string restored_from;  // for the source's description: "restored checkpoint", "first start, ..."
  uint64_t generation = 0;    // the persisted checkpoint's, so the next one written is newer than both copies
};

// `persisted` is the checkpoint read from the persist file (empty when there is none), `acked` the acknowledged
// sequence persisted beside it, `kept` the previous instance's cursor on reload (or null), `start` the host's now.
RestoredCursor restore_cursor(const Options &options, std::string_view persisted, uint64_t acked,
                              const KeptCursor *kept, const Logger &logger, Instant start);

}  // namespace defender
