#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "incident_version.h"
#include "time_order.h"
#include "visible_versions.h"

namespace sim {

// An incident version the simulator made visible, in the order it did, and whether a newer one has replaced it.
struct IncidentLedgerEntry {
  std::size_t seq = 0;
  IncidentPtr version;
  Ticks visible_at = 0;
  std::optional<Ticks> superseded_at;
};

using IncidentResult = QueryResult<IncidentPtr>;

// The current version of every visible incident, sorted by (lastUpdateDateTime, id) like the alerts; versions can be
// held back until their visibility time (ingestion delay). Every version that becomes visible goes to the ledger,
// and the entry of the version it replaces is marked superseded; one due after a newer version of its incident is
// never visible.
class IncidentStore {
 public:
  using LedgerListener = VisibleVersions<IncidentPtr, IncidentLedgerEntry>::Listener;

  explicit IncidentStore(LedgerListener listener);

  // Queues versions; those due by now become visible at once.
  void add(std::vector<ScheduledIncident> versions);
  // Makes every queued version due by `now` visible.
  void publish_due(Ticks now);

  // Graph's query: ordered by time, paged by offset.
  IncidentResult query(const StoreQuery &q) const;
  // The visible version of an incident; null when there is none.
  IncidentPtr current(const std::string &id) const;

  std::vector<IncidentLedgerEntry> ledger(std::size_t from, bool final_only) const;
  std::size_t visible_versions() const;
  std::size_t incident_count() const;

 private:
  void make_visible(const IncidentPtr &v, Ticks visible_at);  // caller holds the unique lock

  mutable std::shared_mutex mutex_;
  VisibleVersions<IncidentPtr, IncidentLedgerEntry> versions_;
};

}  // namespace sim
