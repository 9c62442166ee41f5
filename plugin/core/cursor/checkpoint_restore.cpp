#include "cursor/checkpoint_restore.h"

#include <algorithm>
#include <optional>

#include "cursor/checkpoint_codec.h"

namespace defender {

RestoredCursor restore_cursor(const Options &options, std::string_view persisted, uint64_t acked,
                              const KeptCursor *kept, const Logger &logger, Instant start) {
  RestoredCursor restored;
  std::optional<Checkpoint> checkpoint;
  if (!persisted.empty()) checkpoint = decode_checkpoint(persisted);
  if (checkpoint) restored.generation = checkpoint->generation;
  const CheckpointIdentity identity = checkpoint_identity(options);
  const auto start_over = [&](const std::string &why, const std::string &difference, Instant was_at) {
    logger.warning(why + " (" + difference +
                       " changed), so its position and the alerts it sent do not describe "
                       "this source; starting over from initial-lookback(). To keep two configurations apart, give "
                       "each its own persist-name()",
                   {{"checkpoint_position", format_instant(was_at)}});
  };

  if (kept && kept->cursor) {
    if (kept->identity == identity) {
      restored.restored_from = "kept across reload";
      restored.cursor = kept->cursor;
      return restored;
    }
    start_over("the reloaded configuration reads other alerts than this source did before the reload",
               identity_difference(kept->identity, identity), kept->cursor->delivered_position());
    // Messages of the old cursor may still be acknowledged: new ones are numbered after all of them.
    acked = std::max(acked, kept->cursor->next_sequence());
    restored.restored_from = "configuration changed on reload, starting over from initial-lookback()";
  } else if (checkpoint && checkpoint->identity && !(*checkpoint->identity == identity)) {
    start_over("the checkpoint in the persist file belongs to another configuration",
               identity_difference(*checkpoint->identity, identity), checkpoint->state.delivered_position);
    // Its sequence numbers stay in use: the acknowledgement persisted beside it must not cover new messages.
    acked = std::max({acked, checkpoint->state.acked_sequence, checkpoint->state.next_sequence});
    restored.restored_from = "checkpoint of another configuration, starting over from initial-lookback()";
  } else if (checkpoint) {
    restored.restored_from = "restored checkpoint";
    restored.cursor = std::make_shared<Cursor>(std::move(checkpoint->state), options.late_arrival_seconds, acked);
    return restored;
  } else {
    restored.restored_from = persisted.empty() ? "first start, from initial-lookback()"
                                               : "unreadable checkpoint, starting over from initial-lookback()";
  }
  restored.floor = start.minus_seconds(options.initial_lookback_seconds);
  // A fresh state still numbers its messages after every acknowledgement persisted before.
  restored.cursor = std::make_shared<Cursor>(fresh_cursor_state(restored.floor), options.late_arrival_seconds, acked);
  return restored;
}

}  // namespace defender
