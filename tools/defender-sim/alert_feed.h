#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

#include "alert_generator.h"
#include "alert_store.h"

namespace sim {

// Creates alerts from the generator and hands their versions to the store: the initial history at start, and new
// alerts on request (later also on a schedule).
class AlertFeed {
 public:
  AlertFeed(GeneratorConfig config, AlertStore& store);

  // The initial alerts, with update times spread over the `history_seconds` before `start`.
  void seed_history(std::size_t count, Ticks start, std::int64_t history_seconds);

  // `count` new alerts updated now: distinct update times, each later than every earlier new alert's.
  std::vector<VersionPtr> create_now(std::size_t count);

 private:
  VersionPtr make(std::uint64_t index, Ticks last_update, AlertAge age);

  GeneratorConfig config_;
  AlertStore& store_;
  std::mutex mutex_;
  std::uint64_t next_index_ = 0;
  Ticks last_assigned_ = 0;
  Rng precision_rng_;
};

}  // namespace sim
