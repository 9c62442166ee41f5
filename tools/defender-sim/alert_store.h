#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "alert_version.h"
#include "odata_filter.h"

namespace sim {

using VersionPtr = std::shared_ptr<const AlertVersion>;

// A version the simulator made visible, in the order it did.
struct LedgerEntry {
  std::string id;
  std::string last_update_text;
  Ticks ticks;
};

enum class OrderField { LastUpdateDateTime, CreatedDateTime };

struct StoreQuery {
  const Filter* filter = nullptr;  // null: everything
  OrderField order_field = OrderField::LastUpdateDateTime;
  bool descending = true;
  std::size_t offset = 0;
  std::size_t limit = 0;
  bool want_total = false;
};

struct StoreResult {
  std::vector<VersionPtr> items;
  bool more = false;        // matches exist after this page
  std::size_t total = 0;    // all matches; only when want_total
};

// The current version of every visible alert, sorted by (lastUpdateDateTime, id), so time-range queries are binary
// searches. Versions can be held back until a visibility time (ingestion delay); each version that becomes visible
// goes to the ledger.
class AlertStore {
 public:
  using VisibilityListener = std::function<void(const LedgerEntry&)>;

  explicit AlertStore(VisibilityListener listener);

  // Queues versions to become visible at `visible_at` (at once when that is not in the future).
  void add(std::vector<VersionPtr> versions, Ticks visible_at);
  // Makes every queued version due by `now` visible.
  void publish_due(Ticks now);

  StoreResult query(const StoreQuery& q) const;
  std::vector<LedgerEntry> ledger(std::size_t from) const;
  std::size_t visible_versions() const;
  std::size_t alert_count() const;
  bool contains(const std::string& id) const;

 private:
  void make_visible(const VersionPtr& v);  // caller holds the unique lock

  VisibilityListener listener_;
  mutable std::shared_mutex mutex_;
  std::vector<VersionPtr> by_update_;  // ascending (last_update, id)
  std::unordered_map<std::string, VersionPtr> current_;
  std::multimap<Ticks, VersionPtr> pending_;
  std::atomic<Ticks> next_due_;
  std::vector<LedgerEntry> ledger_;
};

}  // namespace sim
