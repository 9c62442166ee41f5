#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "odata_filter.h"

namespace sim {

// What the alert and incident stores share: versions kept sorted by (lastUpdateDateTime, id), so that a time range
// is a binary search, and Graph's ordered, offset-paged query over them. A version type V has `id` and `fields`
// (FilterFields); Ptr is a shared pointer to one.

enum class OrderField { LastUpdateDateTime, CreatedDateTime };

struct StoreQuery {
  const Filter *filter = nullptr;  // null: everything
  OrderField order_field = OrderField::LastUpdateDateTime;
  bool descending = true;
  std::size_t offset = 0;
  std::size_t limit = 0;
  bool want_total = false;
};

template <typename Ptr>
struct QueryResult {
  std::vector<Ptr> items;
  bool more = false;      // matches exist after this page
  std::size_t total = 0;  // all matches; only when want_total
};

template <typename Ptr>
bool updated_before(const Ptr &a, const Ptr &b) {
  if (a->fields.last_update != b->fields.last_update) return a->fields.last_update < b->fields.last_update;
  return a->id < b->id;
}

template <typename Ptr>
bool created_before(const Ptr &a, const Ptr &b) {
  if (a->fields.created != b->fields.created) return a->fields.created < b->fields.created;
  return a->id < b->id;
}

// The run of `sorted` (ascending by updated_before) in the lastUpdateDateTime range the filter allows.
template <typename Ptr>
auto in_time_range(const std::vector<Ptr> &sorted, const Filter *filter) {
  const TickRange range = filter ? filter->last_update_range()
                                 : TickRange{std::numeric_limits<Ticks>::min(), std::numeric_limits<Ticks>::max()};
  const auto by_time = [](const Ptr &v, Ticks t) { return v->fields.last_update < t; };
  const auto first = std::lower_bound(sorted.begin(), sorted.end(), range.lo, by_time);
  const auto last = range.lo >= range.hi ? first : std::lower_bound(first, sorted.end(), range.hi, by_time);
  return std::pair{first, last};
}

// Graph's query over `sorted`: filtered, ordered by either time, paged by offset.
template <typename Ptr>
QueryResult<Ptr> query_time_ordered(const std::vector<Ptr> &sorted, const StoreQuery &q) {
  QueryResult<Ptr> result;
  const auto [first, last] = in_time_range(sorted, q.filter);

  if (q.order_field == OrderField::LastUpdateDateTime && (!q.filter || q.filter->only_last_update_range())) {
    // Every version in the range matches: slice it directly.
    const auto n = static_cast<std::size_t>(last - first);
    result.total = n;
    if (q.offset < n) {
      const std::size_t count = std::min(q.limit, n - q.offset);
      result.items.reserve(count);
      if (q.descending) {
        for (std::size_t i = 0; i < count; ++i)
          result.items.push_back(*(last - 1 - static_cast<std::ptrdiff_t>(q.offset + i)));
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
    const auto visit = [&](const Ptr &v) {
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

  std::vector<Ptr> matches;
  for (auto it = first; it != last; ++it)
    if (!q.filter || q.filter->matches((*it)->fields)) matches.push_back(*it);
  std::sort(matches.begin(), matches.end(), created_before<Ptr>);
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

}  // namespace sim
