// What this source has sent and what the destinations have acknowledged: the state behind "nothing lost,
// nothing twice".
//
// Every message gets a sequence number. A *mark* (s, C) says: once every message up to s is acknowledged,
// every alert version updated before C has been delivered. Marks come from the paging (a completed page or
// window); acknowledgements come from syslog-ng's consecutive ack trackers.
//
// Each source instance posts one *run* of sequence numbers and its ack tracker acknowledges that run in order. A
// reload starts a new run while the old instance's messages may still be in flight, so the trackers' answers
// interleave: an acknowledgement covers its own run only, and the acknowledged sequence is the point up to which
// every run is acknowledged.
//
// The fetcher thread emits and marks; acknowledgements arrive on any thread; one mutex guards it all.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cursor/version_key.h"
#include "instant.h"

namespace defender {

struct CursorState {
  struct Mark {
    uint64_t sequence;
    Instant complete_below;
    bool operator==(const Mark &) const = default;
  };
  struct Entry {
    VersionKey key;
    uint64_t sequence;
    bool operator==(const Entry &) const = default;
  };

  Instant delivered_position;  // every version before it is delivered
  uint64_t acked_sequence = 0;
  uint64_t next_sequence = 1;
  std::vector<Mark> marks;     // not yet covered by acknowledgements
  std::vector<Entry> entries;  // emitted versions still inside the late-arrival window

  bool operator==(const CursorState &) const = default;
};

class Cursor {
 public:
  // A fresh cursor starts at `position`; a restored one from its checkpoint. Acknowledgements persisted after the
  // checkpoint was written (acked_sequence) are applied, and what was emitted but never acknowledged is forgotten,
  // so that it is sent again. Sequence numbers continue after acked_after_checkpoint even when the state is fresh,
  // so an acknowledgement persisted for an older state never covers a new message.
  Cursor(CursorState restored, int64_t late_arrival_seconds, uint64_t acked_after_checkpoint);

  // A process-wide number for bookmarks to name this cursor by (see defender_cursor_ack).
  uint64_t id() const { return id_; }

  // A source instance takes the cursor over: what it emits from now on is one run, acknowledged by its own
  // tracker. Returns the last sequence emitted before, which the instance counts as already posted.
  uint64_t begin_run();

  bool was_emitted(VersionKey key) const;
  uint64_t emit(VersionKey key);         // returns the message's sequence number
  void complete_below(Instant instant);  // every version before it has now been emitted
  // Every message of sequence's run up to it is delivered. Returns the acknowledged sequence: every message up
  // to it, in every run, is delivered (what may be persisted as acknowledged).
  uint64_t acknowledge(uint64_t sequence);

  // A first start whose floor was taken from a wrong clock reads from `start` instead. Only while nothing was
  // emitted or marked; false otherwise.
  bool rebase(Instant start);
  // Positions past `limit` (the service's now) come back to it: nothing the service has not written yet can have
  // been read. True when something moved.
  bool clamp_to(Instant limit);

  // Drops what was emitted after `last_posted` (buffered, never handed to syslog-ng): on reload it must be sent by
  // the next configuration. Sequence numbers are not reused, so an older checkpoint cannot be misread.
  void forget_after(uint64_t last_posted);

  Instant position() const;            // where the next poll continues: everything before it was emitted
  Instant delivered_position() const;  // everything before it was acknowledged
  uint64_t last_sequence() const;
  uint64_t next_sequence() const;
  uint64_t acked_sequence() const;
  bool all_acknowledged() const;  // every message emitted so far is acknowledged
  size_t emitted_count() const;

  // The state to persist. Changes with every emit, mark and acknowledgement; dirty() tells whether it did since the
  // last snapshot().
  CursorState snapshot();
  // Emitted versions not yet in a snapshot: they must be persisted before their messages are posted.
  bool has_unsaved_emissions() const;
  // Anything else changed since the last snapshot (acknowledgements, marks).
  bool has_unsaved_progress() const;

 private:
  // The sequence numbers one source instance posted, and how far its tracker acknowledged them.
  struct Run {
    uint64_t first;
    uint64_t last;   // open_run while the instance still posts
    uint64_t acked;  // first - 1 until its tracker acknowledges
  };
  static constexpr uint64_t open_run = UINT64_MAX;

  void apply_acknowledged_runs();
  void apply_acknowledged_marks();

  const uint64_t id_;
  const int64_t late_arrival_ticks_;
  mutable std::mutex mutex_;
  Instant delivered_position_;
  Instant position_;
  uint64_t acked_sequence_ = 0;
  uint64_t next_sequence_ = 1;
  uint64_t last_emitted_ = 0;
  std::unordered_map<VersionKey, uint64_t, VersionKeyHash> emitted_;
  std::deque<CursorState::Mark> marks_;
  std::deque<Run> runs_;  // oldest first; the last one is open
  bool unsaved_emissions_ = false;
  bool unsaved_progress_ = true;
};

// Where the first poll of a source with no checkpoint starts.
CursorState fresh_cursor_state(Instant start);

}  // namespace defender
