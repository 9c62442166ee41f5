#include "poller/backfill_reader.h"

#include <chrono>
#include <thread>

namespace defender {
namespace {

// The range is the window: nothing before `from` is read again for late arrivals, and nothing after it waits for
// a later poll.
Options for_one_range(Options options) {
  options.late_arrival_seconds = 0;
  return options;
}

}  // namespace

BackfillReader::BackfillReader(const Options &options, ClientCredential credential, Instant from, Instant until,
                               Logger logger, Clock clock)
    : until_(until),
      poller_(for_one_range(options), std::move(credential), std::make_shared<Cursor>(fresh_cursor_state(from), 0, 0),
              std::move(logger), from, FloorKind::fixed, clock) {
  poller_.end_windows_at(until);
}

std::optional<Failure> BackfillReader::read(const std::function<bool(const Record &)> &each) {
  for (;;) {
    const auto next = poller_.next();
    if (const auto *pending = std::get_if<const PendingRecord *>(&next)) {
      if (!each((*pending)->record)) return std::nullopt;
      continue;
    }
    // Idle: what was fetched is handed out, so the cursor's position says how much of the range is read.
    if (const auto &failure = poller_.last_failure();
        failure && (failure->kind == FailureKind::configuration ||
                    poller_.stats().get(DEFENDER_STAT_CONSECUTIVE_FAILURES) >= max_attempts))
      return failure;
    if (poller_.cursor().position() >= until_) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::get<Idle>(next).milliseconds));
  }
}

}  // namespace defender
