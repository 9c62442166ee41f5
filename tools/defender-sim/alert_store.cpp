#include "alert_store.h"

#include <algorithm>
#include <limits>
#include <mutex>

namespace sim {
namespace {

constexpr Ticks kNever = std::numeric_limits<Ticks>::max();

bool before(const VersionPtr& a, const VersionPtr& b) {
  if (a->fields.last_update != b->fields.last_update) return a->fields.last_update < b->fields.last_update;
  return a->id < b->id;
}

bool before_created(const VersionPtr& a, const VersionPtr& b) {
  if (a->fields.created != b->fields.created) return a->fields.created < b->fields.created;
  return a->id < b->id;
}

}  // namespace

AlertStore::AlertStore(VisibilityListener listener) : listener_(std::move(listener)), next_due_(kNever) {}

void AlertStore::add(std::vector<VersionPtr> versions, Ticks visible_at) {
  const std::unique_lock lock(mutex_);
  if (visible_at > now_ticks()) {
    for (auto& v : versions) pending_.emplace(visible_at, std::move(v));
    next_due_ = pending_.begin()->first;
    return;
  }
  // The initial batch is sorted once instead of inserted one by one.
  if (by_update_.empty() && pending_.empty()) {
    for (const auto& v : versions) {
      current_[v->id] = v;
      ledger_.push_back({v->id, v->last_update_text, v->fields.last_update});
      if (listener_) listener_(ledger_.back());
    }
    by_update_.reserve(current_.size());
    for (const auto& [id, v] : current_) by_update_.push_back(v);
    std::sort(by_update_.begin(), by_update_.end(), before);
    return;
  }
  for (const auto& v : versions) make_visible(v);
}

void AlertStore::make_visible(const VersionPtr& v) {
  if (const auto it = current_.find(v->id); it != current_.end()) {
    const auto pos = std::lower_bound(by_update_.begin(), by_update_.end(), it->second, before);
    if (pos != by_update_.end() && *pos == it->second) by_update_.erase(pos);
    it->second = v;
  } else {
    current_.emplace(v->id, v);
  }
  by_update_.insert(std::upper_bound(by_update_.begin(), by_update_.end(), v, before), v);
  ledger_.push_back({v->id, v->last_update_text, v->fields.last_update});
  if (listener_) listener_(ledger_.back());
}

void AlertStore::publish_due(Ticks now) {
  if (now < next_due_.load()) return;
  const std::unique_lock lock(mutex_);
  while (!pending_.empty() && pending_.begin()->first <= now) {
    make_visible(pending_.begin()->second);
    pending_.erase(pending_.begin());
  }
  next_due_ = pending_.empty() ? kNever : pending_.begin()->first;
}

StoreResult AlertStore::query(const StoreQuery& q) const {
  const std::shared_lock lock(mutex_);
  StoreResult result;
  const TickRange range = q.filter ? q.filter->last_update_range()
                                   : TickRange{std::numeric_limits<Ticks>::min(), kNever};
  const auto first = std::lower_bound(by_update_.begin(), by_update_.end(), range.lo,
                                      [](const VersionPtr& v, Ticks t) { return v->fields.last_update < t; });
  const auto last = range.lo >= range.hi
                        ? first
                        : std::lower_bound(first, by_update_.end(), range.hi,
                                           [](const VersionPtr& v, Ticks t) { return v->fields.last_update < t; });

  if (q.order_field == OrderField::LastUpdateDateTime && (!q.filter || q.filter->only_last_update_range())) {
    // Every version in the range matches: slice it directly.
    const auto n = static_cast<std::size_t>(last - first);
    result.total = n;
    if (q.offset < n) {
      const std::size_t count = std::min(q.limit, n - q.offset);
      result.items.reserve(count);
      if (q.descending) {
        for (std::size_t i = 0; i < count; ++i) result.items.push_back(*(last - 1 - static_cast<std::ptrdiff_t>(q.offset + i)));
      } else {
        result.items.assign(first + static_cast<std::ptrdiff_t>(q.offset),
                            first + static_cast<std::ptrdiff_t>(q.offset + count));
      }
      result.more = q.offset + count < n;
    }
    return result;
  }

  if (q.order_field == OrderField::LastUpdateDateTime) {
    std::size_t seen = 0;
    const auto visit = [&](const VersionPtr& v) {
      if (!q.filter->matches(v->fields)) return true;
      if (seen >= q.offset && result.items.size() < q.limit) {
        result.items.push_back(v);
      } else if (seen >= q.offset + q.limit) {
        result.more = true;
        if (!q.want_total) return false;
      }
      ++seen;
      return true;
    };
    if (q.descending) {
      for (auto it = last; it != first;)
        if (!visit(*--it)) break;
    } else {
      for (auto it = first; it != last; ++it)
        if (!visit(*it)) break;
    }
    result.total = seen;
    return result;
  }

  std::vector<VersionPtr> matches;
  for (auto it = first; it != last; ++it)
    if (!q.filter || q.filter->matches((*it)->fields)) matches.push_back(*it);
  std::sort(matches.begin(), matches.end(), before_created);
  if (q.descending) std::reverse(matches.begin(), matches.end());
  result.total = matches.size();
  if (q.offset < matches.size()) {
    const std::size_t count = std::min(q.limit, matches.size() - q.offset);
    const auto begin = matches.begin() + static_cast<std::ptrdiff_t>(q.offset);
    result.items.assign(begin, begin + static_cast<std::ptrdiff_t>(count));
    result.more = q.offset + count < matches.size();
  }
  return result;
}

std::vector<LedgerEntry> AlertStore::ledger(std::size_t from) const {
  const std::shared_lock lock(mutex_);
  if (from >= ledger_.size()) return {};
  return {ledger_.begin() + static_cast<std::ptrdiff_t>(from), ledger_.end()};
}

std::size_t AlertStore::visible_versions() const {
  const std::shared_lock lock(mutex_);
  return ledger_.size();
}

std::size_t AlertStore::alert_count() const {
  const std::shared_lock lock(mutex_);
  return current_.size();
}

bool AlertStore::contains(const std::string& id) const {
  const std::shared_lock lock(mutex_);
  return current_.contains(id) ||
         std::any_of(pending_.begin(), pending_.end(), [&](const auto& p) { return p.second->id == id; });
}

}  // namespace sim
