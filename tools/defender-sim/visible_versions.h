#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "time_order.h"
#include "timestamp.h"

namespace sim {

// Told about each new ledger entry, and again when an entry is superseded.
enum class LedgerEvent { Visible, Superseded };

// What the alert and incident stores share: the current version of each id, sorted by (lastUpdateDateTime, id);
// versions held back until their visibility time (ingestion delay); and the ledger of every version made visible, in
// the order it was, where the entry of a replaced version is marked superseded. Not locked: the store that owns it
// holds its lock around every call but due(). Ptr is a shared pointer to a version with `id` and `fields`; Entry is
// an aggregate ledger entry with `seq`, `version` and `superseded_at`.
template <typename Ptr, typename Entry>
class VisibleVersions {
 public:
  using Listener = std::function<void(const Entry &, LedgerEvent)>;

  explicit VisibleVersions(Listener listener) : listener_(std::move(listener)) {}

  // Whether every version in `versions` (each with `visible_at`) is due by `now` and the store is empty: the initial
  // history, which add_unsorted() and sort() take in at once instead of inserting one by one.
  template <typename Scheduled>
  bool takes_in_bulk(const std::vector<Scheduled> &versions, Ticks now) const {
    const auto due = [&](const Scheduled &s) { return s.visible_at <= now; };
    return by_update_.empty() && pending_.empty() && std::all_of(versions.begin(), versions.end(), due);
  }
  // The first version of an id becomes current, out of order until sort(); false (and no entry) for a repeated id.
  bool add_unsorted(Entry entry) {
    if (!current_.try_emplace(entry.version->id, Current{entry.version, ledger_.size()}).second) return false;
    by_update_.push_back(entry.version);
    append(std::move(entry));
    return true;
  }
  void sort() { std::sort(by_update_.begin(), by_update_.end(), updated_before<Ptr>); }

  // Holds a version back until `visible_at`.
  void queue(Ptr version, Ticks visible_at) {
    pending_.emplace(visible_at, std::move(version));
    next_due_ = pending_.begin()->first;
  }
  // Whether a queued version is due by `now`; safe without the lock, so that most requests need none.
  bool due(Ticks now) const { return now >= next_due_.load(); }
  // Hands every queued version due by `now`, oldest first, to make_visible(version, visible_at).
  template <typename MakeVisible>
  void publish_due(Ticks now, MakeVisible &&make_visible) {
    while (!pending_.empty() && pending_.begin()->first <= now) {
      make_visible(pending_.begin()->second, pending_.begin()->first);
      pending_.erase(pending_.begin());
    }
    next_due_ = pending_.empty() ? kNever : pending_.begin()->first;
  }

  // Makes the entry's version the current one of its id and supersedes the entry of the one it replaces; false, and
  // nothing changes, when the current version is as new or newer (a random ingestion delay let it by).
  bool make_current(Entry entry) {
    const Ptr &v = entry.version;
    const auto it = current_.find(v->id);
    if (it != current_.end()) {
      const Ptr &old = it->second.version;
      if (old->fields.last_update >= v->fields.last_update) return false;
      const auto pos = std::lower_bound(by_update_.begin(), by_update_.end(), old, updated_before<Ptr>);
      if (pos != by_update_.end() && *pos == old) by_update_.erase(pos);
      Entry &replaced = ledger_[it->second.seq];
      replaced.superseded_at = entry.visible_at;
      if (listener_) listener_(replaced, LedgerEvent::Superseded);
      it->second = Current{v, ledger_.size()};
    } else {
      current_.emplace(v->id, Current{v, ledger_.size()});
    }
    by_update_.insert(std::upper_bound(by_update_.begin(), by_update_.end(), v, updated_before<Ptr>), v);
    append(std::move(entry));
    return true;
  }
  // Records a version in the ledger; its seq is its position there.
  void append(Entry entry) {
    entry.seq = ledger_.size();
    ledger_.push_back(std::move(entry));
    if (listener_) listener_(ledger_.back(), LedgerEvent::Visible);
  }

  // The current versions, ascending by (lastUpdateDateTime, id).
  const std::vector<Ptr> &sorted() const { return by_update_; }
  // The current version of an id; null when there is none.
  Ptr current(const std::string &id) const {
    const auto it = current_.find(id);
    return it == current_.end() ? nullptr : it->second.version;
  }
  std::size_t count() const { return current_.size(); }
  std::vector<Entry> ledger(std::size_t from, bool final_only) const {
    std::vector<Entry> out;
    for (std::size_t i = from; i < ledger_.size(); ++i)
      if (!final_only || !ledger_[i].superseded_at) out.push_back(ledger_[i]);
    return out;
  }
  std::size_t ledger_size() const { return ledger_.size(); }

 private:
  static constexpr Ticks kNever = std::numeric_limits<Ticks>::max();

  struct Current {
    Ptr version;
    std::size_t seq;  // its ledger entry
  };

  Listener listener_;
  std::vector<Ptr> by_update_;  // ascending (last_update, id)
  std::unordered_map<std::string, Current> current_;
  std::multimap<Ticks, Ptr> pending_;
  std::atomic<Ticks> next_due_{kNever};
  std::vector<Entry> ledger_;
};

}  // namespace sim
