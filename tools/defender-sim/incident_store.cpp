#include "incident_store.h"

#include <mutex>

namespace sim {

IncidentStore::IncidentStore(LedgerListener listener) : versions_(std::move(listener)) {}

void IncidentStore::add(std::vector<ScheduledIncident> versions) {
  const std::unique_lock lock(mutex_);
  const Ticks now = now_ticks();
  if (versions_.takes_in_bulk(versions, now)) {
    for (const auto &s : versions) versions_.add_unsorted({0, s.version, s.visible_at, std::nullopt});
    versions_.sort();
    return;
  }
  for (auto &s : versions) {
    if (s.visible_at <= now) {
      make_visible(s.version, s.visible_at);
    } else {
      versions_.queue(std::move(s.version), s.visible_at);
    }
  }
}

void IncidentStore::make_visible(const IncidentPtr &v, Ticks visible_at) {
  versions_.make_current({0, v, visible_at, std::nullopt});
}

void IncidentStore::publish_due(Ticks now) {
  if (!versions_.due(now)) return;
  const std::unique_lock lock(mutex_);
  versions_.publish_due(now, [this](const IncidentPtr &v, Ticks visible_at) { make_visible(v, visible_at); });
}

IncidentResult IncidentStore::query(const StoreQuery &q) const {
  const std::shared_lock lock(mutex_);
  return query_time_ordered(versions_.sorted(), q);
}

IncidentPtr IncidentStore::current(const std::string &id) const {
  const std::shared_lock lock(mutex_);
  return versions_.current(id);
}

std::vector<IncidentLedgerEntry> IncidentStore::ledger(std::size_t from, bool final_only) const {
  const std::shared_lock lock(mutex_);
  return versions_.ledger(from, final_only);
}

std::size_t IncidentStore::visible_versions() const {
  const std::shared_lock lock(mutex_);
  return versions_.ledger_size();
}

std::size_t IncidentStore::incident_count() const {
  const std::shared_lock lock(mutex_);
  return versions_.count();
}

}  // namespace sim
