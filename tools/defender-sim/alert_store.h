#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "alert_version.h"
#include "odata_filter.h"
#include "random.h"
#include "time_order.h"
#include "visible_versions.h"

namespace sim {

// Which APIs show a version, as bits of 1 << Api.
using ApiMask = std::uint8_t;
constexpr ApiMask api_bit(Api api) { return static_cast<ApiMask>(1u << static_cast<unsigned>(api)); }

// A version the simulator made visible, in the order it did, and whether a newer version has replaced it since.
struct LedgerEntry {
  std::size_t seq = 0;
  VersionPtr version;
  Ticks visible_at = 0;
  ApiMask apis = 0;                    // the APIs it became visible in
  std::optional<Ticks> superseded_at;  // when a newer version of the alert became visible
};

// A SIEM record the SIEM API can return: the version that holds it and its position there.
struct SiemRef {
  VersionPtr version;
  std::size_t record = 0;

  Ticks last_processed() const { return version->siem->last_processed; }
  const SiemRecord &get() const { return version->siem->records[record]; }
};

using StoreResult = QueryResult<VersionPtr>;

// A version and when it is to become visible (its time plus any ingestion delay).
struct Scheduled {
  VersionPtr version;
  Ticks visible_at = 0;
};

// The current version of every visible alert, sorted by (lastUpdateDateTime, id), so time-range queries are binary
// searches; the SIEM records sorted by LastProcessedTimeUtc, which never change once visible. Versions can be held
// back until their visibility time (ingestion delay). Every version that becomes visible goes to the ledger, and
// the entry of the version it replaces is marked superseded.
class AlertStore {
 public:
  using LedgerListener = VisibleVersions<VersionPtr, LedgerEntry>::Listener;

  explicit AlertStore(LedgerListener listener);

  // Queues versions; those due by now become visible at once.
  void add(std::vector<Scheduled> versions);
  // Makes every queued version due by `now` visible.
  void publish_due(Ticks now);

  // Graph's query: ordered by time, paged by offset.
  StoreResult query(const StoreQuery &q) const;
  // Visible versions that `api` shows and `filter` (may be null) matches, ascending by time.
  std::vector<VersionPtr> select(Api api, const Filter *filter) const;
  // Visible SIEM records with lo <= LastProcessedTimeUtc < hi, ascending.
  std::vector<SiemRef> siem_records(Ticks lo, Ticks hi) const;

  std::vector<LedgerEntry> ledger(std::size_t from, bool final_only) const;
  // The newest version of an alert, visible or still queued; null for an unknown id.
  VersionPtr latest(const std::string &id) const;
  // The visible version of an alert; null when there is none.
  VersionPtr current(const std::string &id) const;
  // Up to n distinct ids of visible alerts, drawn at random.
  std::vector<std::string> random_ids(Rng &rng, std::size_t n) const;
  std::size_t visible_versions() const;
  std::size_t alert_count() const;

 private:
  void make_visible(const VersionPtr &v, Ticks visible_at);  // caller holds the unique lock
  void insert_siem(const VersionPtr &v);

  mutable std::shared_mutex mutex_;
  VisibleVersions<VersionPtr, LedgerEntry> versions_;
  std::unordered_map<std::string, VersionPtr> latest_;
  std::vector<SiemRef> siem_;  // ascending (last_processed, full id)
};

}  // namespace sim
