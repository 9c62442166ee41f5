// When a source's checkpoint is written: emissions at once (write-ahead), other progress at most once a second.
#include <doctest/doctest.h>

#include "cursor/checkpoint_codec.h"
#include "cursor/checkpoint_writer.h"

using namespace defender;

namespace {

const Instant t0 = Instant::from_seconds(1'800'000'000);
const CheckpointIdentity identity{1, 2, 3, 4};

Cursor fresh() { return Cursor(fresh_cursor_state(t0), 300, 0); }

Instant after_ms(int64_t ms) { return Instant{t0.ticks + ms * Instant::ticks_per_millisecond}; }

uint64_t generation_of(std::optional<std::string_view> bytes) {
  REQUIRE(bytes);
  const auto checkpoint = decode_checkpoint(*bytes);
  REQUIRE(checkpoint);
  return checkpoint->generation;
}

}  // namespace

TEST_CASE("an emitted version is written at once, however recently the last checkpoint was") {
  Cursor cursor = fresh();
  CheckpointWriter writer(identity, 7);
  cursor.emit(version_key("a", t0));
  CHECK(generation_of(writer.due(cursor, t0, false)) == 8);
  cursor.emit(version_key("b", t0));
  CHECK(generation_of(writer.due(cursor, after_ms(1), false)) == 9);
}

TEST_CASE("nothing is written when nothing changed") {
  Cursor cursor = fresh();
  CheckpointWriter writer(identity, 0);
  cursor.emit(version_key("a", t0));
  REQUIRE(writer.due(cursor, t0, false));
  CHECK_FALSE(writer.due(cursor, after_ms(5000), false));
}

TEST_CASE("an acknowledgement waits for the interval since the last checkpoint") {
  Cursor cursor = fresh();
  cursor.begin_run();
  CheckpointWriter writer(identity, 0);
  cursor.emit(version_key("a", t0));
  REQUIRE(writer.due(cursor, t0, false));
  cursor.acknowledge(1);
  CHECK_FALSE(writer.due(cursor, after_ms(CheckpointWriter::interval_ms - 1), false));
  CHECK(generation_of(writer.due(cursor, after_ms(CheckpointWriter::interval_ms), false)) == 2);
}

TEST_CASE("a forced checkpoint is written with nothing changed, carrying the identity and the state") {
  Cursor cursor = fresh();
  cursor.complete_below(t0.plus_seconds(60));
  CheckpointWriter writer(identity, 41);
  const auto bytes = writer.due(cursor, t0, true);
  REQUIRE(bytes);
  const auto checkpoint = decode_checkpoint(*bytes);
  REQUIRE(checkpoint);
  CHECK(checkpoint->generation == 42);
  REQUIRE(checkpoint->identity);
  CHECK(*checkpoint->identity == identity);
  CHECK(checkpoint->state.delivered_position == t0.plus_seconds(60));
}
