#include "alert_store.h"

#include <algorithm>
#include <limits>
#include <mutex>

namespace sim {
namespace {

constexpr Ticks kNever = std::numeric_limits<Ticks>::max();

constexpr auto before = updated_before<VersionPtr>;

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

AlertStore::AlertStore(LedgerListener listener) : listener_(std::move(listener)), next_due_(kNever) {}

void AlertStore::add(std::vector<Scheduled> versions) {
  const std::unique_lock lock(mutex_);
  const Ticks now = now_ticks();
  // The initial history arrives all at once into an empty store: sort once instead of inserting one by one.
  const auto due = [&](const Scheduled &s) { return s.visible_at <= now; };
  const bool bulk = by_update_.empty() && pending_.empty() && std::all_of(versions.begin(), versions.end(), due);
  if (bulk) {
    by_update_.reserve(versions.size());
    for (const auto &s : versions) {
      if (!current_.try_emplace(s.version->id, Current{s.version, ledger_.size()}).second) continue;
      latest_[s.version->id] = s.version;
      by_update_.push_back(s.version);
      append_ledger(s.version, s.visible_at, apis_of(*s.version), std::nullopt);
      if (s.version->siem)
        for (std::size_t i = 0; i < s.version->siem->records.size(); ++i) siem_.push_back({s.version, i});
    }
    std::sort(by_update_.begin(), by_update_.end(), before);
    std::sort(siem_.begin(), siem_.end(), siem_before);
    return;
  }
  for (auto &s : versions) {
    latest_[s.version->id] = s.version;
    if (s.visible_at <= now) {
      make_visible(s.version, s.visible_at);
    } else {
      pending_.emplace(s.visible_at, std::move(s.version));
    }
  }
  next_due_ = pending_.empty() ? kNever : pending_.begin()->first;
}

void AlertStore::append_ledger(const VersionPtr &v, Ticks visible_at, ApiMask apis,
                               std::optional<Ticks> superseded_at) {
  ledger_.push_back({ledger_.size(), v, visible_at, apis, superseded_at});
  if (listener_) listener_(ledger_.back(), LedgerEvent::Visible);
}

void AlertStore::insert_siem(const VersionPtr &v) {
  for (std::size_t i = 0; i < v->siem->records.size(); ++i) {
    SiemRef ref{v, i};
    siem_.insert(std::upper_bound(siem_.begin(), siem_.end(), ref, siem_before), std::move(ref));
  }
}

void AlertStore::make_visible(const VersionPtr &v, Ticks visible_at) {
  const auto it = current_.find(v->id);
  if (it != current_.end() && it->second.version->fields.last_update >= v->fields.last_update) {
    // An older version due after a newer one (random ingestion delay) is never shown as the alert; its detection
    // records still reach the SIEM API, which keeps every record.
    if (v->siem) {
      insert_siem(v);
      append_ledger(v, visible_at, api_bit(Api::Siem), visible_at);
    }
    return;
  }
  if (it != current_.end()) {
    const VersionPtr &old = it->second.version;
    const auto pos = std::lower_bound(by_update_.begin(), by_update_.end(), old, before);
    if (pos != by_update_.end() && *pos == old) by_update_.erase(pos);
    LedgerEntry &replaced = ledger_[it->second.seq];
    replaced.superseded_at = visible_at;
    if (listener_) listener_(replaced, LedgerEvent::Superseded);
    it->second = Current{v, ledger_.size()};
  } else {
    current_.emplace(v->id, Current{v, ledger_.size()});
  }
  by_update_.insert(std::upper_bound(by_update_.begin(), by_update_.end(), v, before), v);
  if (v->siem) insert_siem(v);
  append_ledger(v, visible_at, apis_of(*v), std::nullopt);
}

void AlertStore::publish_due(Ticks now) {
  if (now < next_due_.load()) return;
  const std::unique_lock lock(mutex_);
  while (!pending_.empty() && pending_.begin()->first <= now) {
    make_visible(pending_.begin()->second, pending_.begin()->first);
    pending_.erase(pending_.begin());
  }
  next_due_ = pending_.empty() ? kNever : pending_.begin()->first;
}

StoreResult AlertStore::query(const StoreQuery &q) const {
  const std::shared_lock lock(mutex_);
  return query_time_ordered(by_update_, q);
}

std::vector<VersionPtr> AlertStore::select(Api api, const Filter *filter) const {
  const std::shared_lock lock(mutex_);
  const auto [first, last] = in_time_range(by_update_, filter);
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
  std::vector<LedgerEntry> out;
  for (std::size_t i = from; i < ledger_.size(); ++i)
    if (!final_only || !ledger_[i].superseded_at) out.push_back(ledger_[i]);
  return out;
}

VersionPtr AlertStore::latest(const std::string &id) const {
  const std::shared_lock lock(mutex_);
  const auto it = latest_.find(id);
  return it == latest_.end() ? nullptr : it->second;
}

VersionPtr AlertStore::current(const std::string &id) const {
  const std::shared_lock lock(mutex_);
  const auto it = current_.find(id);
  return it == current_.end() ? nullptr : it->second.version;
}

std::vector<std::string> AlertStore::random_ids(Rng &rng, std::size_t n) const {
  const std::shared_lock lock(mutex_);
  std::vector<std::string> ids;
  // Draws with repetition and drops repeats: fine while n is small against the alerts there are.
  for (std::size_t tries = 0; ids.size() < std::min(n, by_update_.size()) && tries < 4 * n + 16; ++tries) {
    const std::string &id = by_update_[rng.below(by_update_.size())]->id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

std::size_t AlertStore::visible_versions() const {
  const std::shared_lock lock(mutex_);
  return ledger_.size();
}

std::size_t AlertStore::alert_count() const {
  const std::shared_lock lock(mutex_);
  return current_.size();
}

}  // namespace sim
