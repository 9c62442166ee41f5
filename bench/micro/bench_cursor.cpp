// The cursor's cost with 100,000 versions inside the late-arrival window: the dedup check and the emission that
// every alert pays, and the snapshot plus encoding that every page pays (write-ahead of the checkpoint).
#include <benchmark/benchmark.h>

#include <string>

#include "cursor/checkpoint_codec.h"
#include "cursor/cursor.h"

namespace {

using defender::Cursor;
using defender::Instant;

constexpr int window_versions = 100'000;
const Instant t0 = Instant::from_seconds(1'800'000'000);

// Versions spread over four minutes, all inside the default late-arrival(300) window.
defender::VersionKey key(int i) {
  return defender::version_key("da6375512276775608" + std::to_string(i), t0.plus_seconds(i % 240));
}

void fill(Cursor &cursor) {
  for (int i = 0; i < window_versions; ++i) cursor.emit(key(i));
}

void check_and_emit(benchmark::State &state) {
  Cursor cursor(defender::fresh_cursor_state(t0), 300, 0);
  fill(cursor);
  int i = window_versions;
  for (auto _ : state) {
    const auto k = key(i++);
    if (!cursor.was_emitted(k)) benchmark::DoNotOptimize(cursor.emit(k));
  }
  state.SetItemsProcessed(state.iterations());
}

void snapshot_and_encode(benchmark::State &state) {
  Cursor cursor(defender::fresh_cursor_state(t0), 300, 0);
  fill(cursor);
  std::string bytes;
  uint64_t generation = 0;
  for (auto _ : state)
    defender::encode_checkpoint({++generation, defender::CheckpointIdentity{}, cursor.snapshot()}, bytes);
  state.counters["checkpoint_bytes"] = static_cast<double>(bytes.size());
}

}  // namespace

BENCHMARK(check_and_emit);
BENCHMARK(snapshot_and_encode)->Unit(benchmark::kMillisecond);
