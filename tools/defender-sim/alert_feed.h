#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "alert_generator.h"
#include "alert_store.h"
#include "hazards.h"
#include "incident_book.h"

namespace sim {

// What merging incidents made: the new versions of both incidents of each merge, and of the alerts that moved.
struct MergeResult {
  std::vector<Merge> merges;
  std::vector<ScheduledIncident> incidents;
  std::vector<Scheduled> alerts;
};

// Makes alert versions and hands them to the store, and keeps the incidents in step through the incident book: the
// initial history at start, new alerts and updates of existing alerts, updates and merges of incidents, on request
// or on the driver's schedule. Every change takes a time later than every earlier one. The hazards in force decide
// ties, hostile strings and when each version becomes visible.
class AlertFeed {
 public:
  AlertFeed(GeneratorConfig config, AlertStore &store, IncidentBook &incidents, const HazardSettings &hazards);

  // The initial alerts, with update times spread over the `history_seconds` before `start` (consecutive alerts in
  // groups of tie-size share one time), all visible at `start`.
  void seed_history(std::size_t count, Ticks start, std::int64_t history_seconds);

  // `count` new alerts updated now, in groups of `tie` sharing one time; each group later than every earlier one.
  std::vector<Scheduled> create_now(std::size_t count, std::size_t tie);

  // A new version of each alert named (unknown ids are skipped), in groups of `tie` sharing one time.
  std::vector<Scheduled> update_now(const std::vector<std::string> &ids, std::size_t tie);

  // The next own update of each incident named (unknown and redirected ones are skipped), in groups of `tie` sharing
  // one time.
  std::vector<ScheduledIncident> update_incidents(const std::vector<std::string> &ids, std::size_t tie);

  // Each merge (checked first: one the book refuses is skipped) at a time of its own: the source's alerts get a new
  // version in the target, the source is redirected, the target takes them in.
  MergeResult merge_incidents(const std::vector<Merge> &merges);

 private:
  Ticks next_group_time();                            // caller holds mutex_
  Ticks visible_at(Ticks t, const Hazards &hazards);  // caller holds mutex_
  VersionPtr make(Lifecycle life) const;
  bool hostile(std::uint64_t index, double rate) const;

  GeneratorConfig config_;
  AlertStore &store_;
  IncidentBook &incidents_;
  const HazardSettings &hazards_;
  std::mutex mutex_;
  std::uint64_t next_index_ = 0;
  Ticks last_assigned_ = 0;
  Rng rng_;
};

}  // namespace sim
