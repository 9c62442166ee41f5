#include "alert_store.h"

#include <algorithm>
#include <mutex>

namespace sim {
namespace {

bool siem_before(const SiemRef &a, const SiemRef &b) {
  if (a.last_processed() != b.last_processed()) return a.last_processed() < b.last_processed();
  return a.get().full_id < b.get().full_id;
}

ApiMask apis_of(const AlertVersion &v) {
  ApiMask m = 0;
  for (const Api api : kAlertApis)
    if (v.shown_by(api)) m |= api_bit(api);
  return m;
}

}  // namespace

AlertStore::AlertStore(LedgerListener listener) : versions_(std::move(listener)) {}

void AlertStore::add(std::vector<Scheduled> versions) {
  const std::unique_lock lock(mutex_);
  const Ticks now = now_ticks();
  if (versions_.takes_in_bulk(versions, now)) {
    for (const auto &s : versions) {
      if (!versions_.add_unsorted({0, s.version, s.visible_at, apis_of(*s.version), std::nullopt})) continue;
      latest_[s.version->id] = s.version;
      if (s.version->siem)
        for (std::size_t i = 0; i < s.version->siem->records.size(); ++i) siem_.push_back({s.version, i});
    }
    versions_.sort();
    std::sort(siem_.begin(), siem_.end(), siem_before);
    return;
  }
  for (auto &s : versions) {
    latest_[s.version->id] = s.version;
    if (s.visible_at <= now) {
      make_visible(s.version, s.visible_at);
    } else {
      versions_.queue(std::move(s.version), s.visible_at);
    }
  }
}

void AlertStore::insert_siem(const VersionPtr &v) {
  for (std::size_t i = 0; i < v->siem->records.size(); ++i) {
    SiemRef ref{v, i};
    siem_.insert(std::upper_bound(siem_.begin(), siem_.end(), ref, siem_before), std::move(ref));
  }
}

void AlertStore::make_visible(const VersionPtr &v, Ticks visible_at) {
  if (versions_.make_current({0, v, visible_at, apis_of(*v), std::nullopt})) {
    if (v->siem) insert_siem(v);
  } else if (v->siem) {
    // An older version due after a newer one (random ingestion delay) is never shown as the alert; its detection
    // records still reach the SIEM API, which keeps every record.
    insert_siem(v);
    versions_.append({0, v, visible_at, api_bit(Api::Siem), visible_at});
  }
}

void AlertStore::publish_due(Ticks now) {
  if (!versions_.due(now)) return;
  const std::unique_lock lock(mutex_);
  versions_.publish_due(now, [this](const VersionPtr &v, Ticks visible_at) { make_visible(v, visible_at); });
}

StoreResult AlertStore::query(const StoreQuery &q) const {
  const std::shared_lock lock(mutex_);
  return query_time_ordered(versions_.sorted(), q);
}

std::vector<VersionPtr> AlertStore::select(Api api, const Filter *filter) const {
  const std::shared_lock lock(mutex_);
  const auto [first, last] = in_time_range(versions_.sorted(), filter);
  std::vector<VersionPtr> out;
  for (auto it = first; it != last; ++it)
    if ((*it)->shown_by(api) && (!filter || filter->matches((*it)->fields))) out.push_back(*it);
  return out;
}

std::vector<SiemRef> AlertStore::siem_records(Ticks lo, Ticks hi) const {
  const std::shared_lock lock(mutex_);
  const auto by_time = [](const SiemRef &r, Ticks t) { return r.last_processed() < t; };
  const auto first = std::lower_bound(siem_.begin(), siem_.end(), lo, by_time);
  const auto last = lo >= hi ? first : std::lower_bound(first, siem_.end(), hi, by_time);
  return {first, last};
}

std::vector<LedgerEntry> AlertStore::ledger(std::size_t from, bool final_only) const {
  const std::shared_lock lock(mutex_);
  return versions_.ledger(from, final_only);
}

VersionPtr AlertStore::latest(const std::string &id) const {
  const std::shared_lock lock(mutex_);
  const auto it = latest_.find(id);
  return it == latest_.end() ? nullptr : it->second;
}

VersionPtr AlertStore::current(const std::string &id) const {
  const std::shared_lock lock(mutex_);
  return versions_.current(id);
}

std::vector<std::string> AlertStore::random_ids(Rng &rng, std::size_t n) const {
  const std::shared_lock lock(mutex_);
  const std::vector<VersionPtr> &sorted = versions_.sorted();
  std::vector<std::string> ids;
  // Draws with repetition and drops repeats: fine while n is small against the alerts there are.
  for (std::size_t tries = 0; ids.size() < std::min(n, sorted.size()) && tries < 4 * n + 16; ++tries) {
    const std::string &id = sorted[rng.below(sorted.size())]->id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

std::size_t AlertStore::visible_versions() const {
  const std::shared_lock lock(mutex_);
  return versions_.ledger_size();
}

std::size_t AlertStore::alert_count() const {
  const std::shared_lock lock(mutex_);
  return versions_.count();
}

}  // namespace sim
