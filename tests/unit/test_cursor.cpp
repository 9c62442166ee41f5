// The cursor: what was sent, what was acknowledged, and what survives a restart.
#include <doctest/doctest.h>

#include "cursor/cursor.h"

using namespace defender;

namespace {

constexpr int64_t late = 300;
const Instant t0 = Instant::from_seconds(1'800'000'000);

VersionKey key(const char *id, int64_t seconds) { return version_key(id, t0.plus_seconds(seconds)); }

Cursor fresh() { return Cursor(fresh_cursor_state(t0), late, 0); }

}  // namespace

TEST_CASE("a fresh cursor starts at its start instant with nothing emitted") {
  Cursor c = fresh();
  CHECK(c.position() == t0);
  CHECK(c.delivered_position() == t0);
  CHECK(c.emitted_count() == 0);
  CHECK_FALSE(c.was_emitted(key("a", 1)));
}

TEST_CASE("emitting numbers messages from one upwards and remembers the version") {
  Cursor c = fresh();
  CHECK(c.emit(key("a", 1)) == 1);
  CHECK(c.emit(key("b", 1)) == 2);
  CHECK(c.was_emitted(key("a", 1)));
  CHECK_FALSE(c.was_emitted(key("a", 2)));
}

TEST_CASE("a mark moves the delivered position only once its messages are acknowledged") {
  Cursor c = fresh();
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  c.complete_below(t0.plus_seconds(10));
  CHECK(c.position() == t0.plus_seconds(10));
  CHECK(c.delivered_position() == t0);
  c.acknowledge(1);
  CHECK(c.delivered_position() == t0);
  c.acknowledge(2);
  CHECK(c.delivered_position() == t0.plus_seconds(10));
}

TEST_CASE("a mark with nothing outstanding moves the delivered position at once") {
  Cursor c = fresh();
  c.complete_below(t0.plus_seconds(60));
  CHECK(c.delivered_position() == t0.plus_seconds(60));
}

TEST_CASE("positions never move backwards when an overlap is re-read") {
  Cursor c = fresh();
  c.complete_below(t0.plus_seconds(60));
  c.complete_below(t0.plus_seconds(30));
  CHECK(c.position() == t0.plus_seconds(60));
  CHECK(c.delivered_position() == t0.plus_seconds(60));
}

TEST_CASE("a restored cursor keeps acknowledged versions and forgets unacknowledged ones") {
  Cursor c = fresh();
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  c.emit(key("c", 3));
  c.complete_below(t0.plus_seconds(5));
  const CursorState saved = c.snapshot();

  Cursor restored(saved, late, 2);
  CHECK(restored.was_emitted(key("a", 1)));
  CHECK(restored.was_emitted(key("b", 2)));
  CHECK_FALSE(restored.was_emitted(key("c", 3)));
  CHECK(restored.delivered_position() == t0);
  CHECK(restored.position() == t0);
}

TEST_CASE("a restored cursor applies the marks its persisted acknowledgement covers") {
  Cursor c = fresh();
  c.emit(key("a", 1));
  c.complete_below(t0.plus_seconds(5));
  Cursor restored(c.snapshot(), late, 1);
  CHECK(restored.delivered_position() == t0.plus_seconds(5));
}

TEST_CASE("a restored cursor never reuses a sequence number it once handed out") {
  Cursor c = fresh();
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  Cursor restored(c.snapshot(), late, 1);
  CHECK(restored.emit(key("b", 2)) == 3);
}

TEST_CASE("forgetting after the last posted message drops later emissions and their marks") {
  Cursor c = fresh();
  c.emit(key("a", 1));
  c.complete_below(t0.plus_seconds(1));
  c.emit(key("b", 2));
  c.emit(key("c", 3));
  c.complete_below(t0.plus_seconds(9));
  c.forget_after(1);
  CHECK(c.was_emitted(key("a", 1)));
  CHECK_FALSE(c.was_emitted(key("b", 2)));
  CHECK(c.position() == t0.plus_seconds(1));
  CHECK(c.emit(key("b", 2)) == 4);
}

TEST_CASE("a snapshot forgets versions older than the late-arrival window before the delivered position") {
  Cursor c = fresh();
  c.emit(key("old", 1));
  c.emit(key("new", 400));
  c.complete_below(t0.plus_seconds(400));
  c.acknowledge(2);
  const CursorState s = c.snapshot();
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].key == key("new", 400));
  CHECK_FALSE(c.was_emitted(key("old", 1)));
}

TEST_CASE("a snapshot clears the unsaved flags that emissions and progress set") {
  Cursor c = fresh();
  c.snapshot();
  CHECK_FALSE(c.has_unsaved_emissions());
  CHECK_FALSE(c.has_unsaved_progress());
  c.emit(key("a", 1));
  CHECK(c.has_unsaved_emissions());
  c.snapshot();
  c.acknowledge(1);
  CHECK_FALSE(c.has_unsaved_emissions());
  CHECK(c.has_unsaved_progress());
}

TEST_CASE("all acknowledged means every message emitted so far is acknowledged") {
  Cursor c = fresh();
  CHECK(c.all_acknowledged());
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  CHECK_FALSE(c.all_acknowledged());
  c.acknowledge(1);
  CHECK_FALSE(c.all_acknowledged());
  c.acknowledge(2);
  CHECK(c.all_acknowledged());
}

TEST_CASE("acknowledgements that arrive out of order or twice change nothing") {
  Cursor c = fresh();
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  c.complete_below(t0.plus_seconds(3));
  c.acknowledge(2);
  c.acknowledge(1);
  c.acknowledge(2);
  CHECK(c.delivered_position() == t0.plus_seconds(3));
}

TEST_CASE("version keys differ by id and by update time, and the id hash is stable") {
  CHECK(version_key("a", t0) == version_key("a", t0));
  CHECK_FALSE(version_key("a", t0) == version_key("b", t0));
  CHECK_FALSE(version_key("a", t0) == version_key("a", t0.next_tick()));
  // Persisted in checkpoints: a change here would make every upgrade resend a window of alerts.
  CHECK(hash_alert_id("da637551227677560813_-961444813") == 0xf8310c7d7fd48063ULL);
}

TEST_CASE("a fresh cursor numbers its messages after an acknowledgement persisted for an older state") {
  Cursor c(fresh_cursor_state(t0), late, 5000);
  CHECK(c.emit(key("a", 1)) == 5001);
  CHECK_FALSE(c.all_acknowledged());
}

TEST_CASE("an acknowledgement returns the sequence up to which every message is delivered") {
  Cursor c = fresh();
  c.begin_run();
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  CHECK(c.acknowledge(1) == 1);
  CHECK(c.acknowledge(2) == 2);
  CHECK(c.acknowledge(1) == 2);
}

TEST_CASE("after a reload, the new instance's acknowledgement does not cover the old instance's messages") {
  Cursor c = fresh();
  c.begin_run();
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  c.complete_below(t0.plus_seconds(5));
  c.forget_after(2);
  CHECK(c.begin_run() == 2);
  CHECK(c.emit(key("c", 6)) == 3);
  c.complete_below(t0.plus_seconds(10));

  CHECK(c.acknowledge(3) == 0);
  CHECK(c.delivered_position() == t0);
  CHECK(c.acknowledge(1) == 1);
  CHECK(c.delivered_position() == t0);
  CHECK(c.acknowledge(2) == 3);
  CHECK(c.delivered_position() == t0.plus_seconds(10));
}

TEST_CASE("after a reload, messages the old instance never posted do not hold the acknowledged sequence back") {
  Cursor c = fresh();
  c.begin_run();
  c.emit(key("a", 1));
  c.emit(key("b", 2));
  c.emit(key("c", 3));
  c.forget_after(1);
  CHECK(c.begin_run() == 1);
  CHECK(c.emit(key("b", 2)) == 4);
  CHECK(c.acknowledge(1) == 3);
  CHECK(c.acknowledge(4) == 4);
  CHECK(c.all_acknowledged());
}

TEST_CASE("a reload with everything acknowledged leaves nothing outstanding") {
  Cursor c = fresh();
  c.begin_run();
  c.emit(key("a", 1));
  c.acknowledge(1);
  CHECK(c.begin_run() == 1);
  c.complete_below(t0.plus_seconds(4));
  CHECK(c.all_acknowledged());
  CHECK(c.delivered_position() == t0.plus_seconds(4));
}

TEST_CASE("rebasing moves a cursor that has read nothing, in either direction") {
  Cursor c = fresh();
  CHECK(c.rebase(t0.minus_seconds(3600)));
  CHECK(c.position() == t0.minus_seconds(3600));
  CHECK(c.delivered_position() == t0.minus_seconds(3600));
  CHECK(c.rebase(t0.plus_seconds(60)));
  CHECK(c.position() == t0.plus_seconds(60));
}

TEST_CASE("rebasing is refused once anything was emitted or marked") {
  Cursor emitted = fresh();
  emitted.emit(key("a", 1));
  CHECK_FALSE(emitted.rebase(t0.minus_seconds(60)));
  CHECK(emitted.position() == t0);

  Cursor marked = fresh();
  marked.complete_below(t0.plus_seconds(9));
  marked.emit(key("a", 10));
  marked.complete_below(t0.plus_seconds(20));
  CHECK_FALSE(marked.rebase(t0.minus_seconds(60)));
}

TEST_CASE("clamping brings positions and pending marks past the limit back to it") {
  Cursor c = fresh();
  c.complete_below(t0.plus_seconds(100));
  c.emit(key("a", 150));
  c.complete_below(t0.plus_seconds(200));
  CHECK(c.clamp_to(t0.plus_seconds(50)));
  CHECK(c.position() == t0.plus_seconds(50));
  CHECK(c.delivered_position() == t0.plus_seconds(50));
  c.acknowledge(1);
  CHECK(c.delivered_position() == t0.plus_seconds(50));
}

TEST_CASE("clamping a cursor behind the limit changes nothing") {
  Cursor c = fresh();
  c.snapshot();
  CHECK_FALSE(c.clamp_to(t0.plus_seconds(1)));
  CHECK(c.position() == t0);
  CHECK_FALSE(c.has_unsaved_progress());
}
