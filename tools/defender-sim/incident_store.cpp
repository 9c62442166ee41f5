#include "incident_store.h"

#include <algorithm>
#include <limits>
#include <mutex>

namespace sim {
namespace {

constexpr Ticks kNever = std::numeric_limits<Ticks>::max();
constexpr auto before = updated_before<IncidentPtr>;

}  // namespace

IncidentStore::IncidentStore(LedgerListener listener) : listener_(std::move(listener)), next_due_(kNever) {}

void IncidentStore::add(std::vector<ScheduledIncident> versions) {
  const std::unique_lock lock(mutex_);
  const Ticks now = now_ticks();
  // The initial incidents arrive all at once into an empty store: sort once instead of inserting one by one.
  const auto due = [&](const ScheduledIncident &s) { return s.visible_at <= now; };
  const bool bulk = by_update_.empty() && pending_.empty() && std::all_of(versions.begin(), versions.end(), due);
  if (bulk) {
    by_update_.reserve(versions.size());
    for (const auto &s : versions) {
      if (!current_.try_emplace(s.version->id, Current{s.version, ledger_.size()}).second) continue;
      by_update_.push_back(s.version);
      append_ledger(s.version, s.visible_at);
    }
    std::sort(by_update_.begin(), by_update_.end(), before);
    return;
  }
  for (auto &s : versions) {
    if (s.visible_at <= now) {
      make_visible(s.version, s.visible_at);
    } else {
      pending_.emplace(s.visible_at, std::move(s.version));
    }
  }
  next_due_ = pending_.empty() ? kNever : pending_.begin()->first;
}

void IncidentStore::append_ledger(const IncidentPtr &v, Ticks visible_at) {
  ledger_.push_back({ledger_.size(), v, visible_at, std::nullopt});
  if (listener_) listener_(ledger_.back(), AlertStore::LedgerEvent::Visible);
}

void IncidentStore::make_visible(const IncidentPtr &v, Ticks visible_at) {
  const auto it = current_.find(v->id);
  if (it != current_.end()) {
    const IncidentPtr &old = it->second.version;
    if (old->fields.last_update >= v->fields.last_update) return;  // a random ingestion delay let a newer one by
    const auto pos = std::lower_bound(by_update_.begin(), by_update_.end(), old, before);
    if (pos != by_update_.end() && *pos == old) by_update_.erase(pos);
    IncidentLedgerEntry &replaced = ledger_[it->second.seq];
    replaced.superseded_at = visible_at;
    if (listener_) listener_(replaced, AlertStore::LedgerEvent::Superseded);
    it->second = Current{v, ledger_.size()};
  } else {
    current_.emplace(v->id, Current{v, ledger_.size()});
  }
  by_update_.insert(std::upper_bound(by_update_.begin(), by_update_.end(), v, before), v);
  append_ledger(v, visible_at);
}

void IncidentStore::publish_due(Ticks now) {
  if (now < next_due_.load()) return;
  const std::unique_lock lock(mutex_);
  while (!pending_.empty() && pending_.begin()->first <= now) {
    make_visible(pending_.begin()->second, pending_.begin()->first);
    pending_.erase(pending_.begin());
  }
  next_due_ = pending_.empty() ? kNever : pending_.begin()->first;
}

IncidentResult IncidentStore::query(const StoreQuery &q) const {
  const std::shared_lock lock(mutex_);
  return query_time_ordered(by_update_, q);
}

IncidentPtr IncidentStore::current(const std::string &id) const {
  const std::shared_lock lock(mutex_);
  const auto it = current_.find(id);
  return it == current_.end() ? nullptr : it->second.version;
}

std::vector<IncidentLedgerEntry> IncidentStore::ledger(std::size_t from, bool final_only) const {
  const std::shared_lock lock(mutex_);
  std::vector<IncidentLedgerEntry> out;
  for (std::size_t i = from; i < ledger_.size(); ++i)
    if (!final_only || !ledger_[i].superseded_at) out.push_back(ledger_[i]);
  return out;
}

std::size_t IncidentStore::visible_versions() const {
  const std::shared_lock lock(mutex_);
  return ledger_.size();
}

std::size_t IncidentStore::incident_count() const {
  const std::shared_lock lock(mutex_);
  return current_.size();
}

}  // namespace sim
