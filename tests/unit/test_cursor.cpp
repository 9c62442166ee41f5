// The cursor: what was sent, what was acknowledged, and what survives a restart.
#include <doctest/doctest.h>

#include "cursor.h"

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
