#include "poller/request_budget.h"

#include <algorithm>

namespace defender {

RequestBudget::RequestBudget(int64_t per_minute, int64_t per_hour) : per_minute_(per_minute), per_hour_(per_hour) {}

Instant RequestBudget::next_allowed(Instant now) const {
  // With a limit of n per span, a request may go once the n-th newest request is a whole span old: then no span
  // of that length holds more than n.
  const auto after_span = [&](int64_t limit, int64_t span_seconds) {
    if (limit <= 0 || static_cast<int64_t>(sent_.size()) < limit) return now;
    return std::max(now, sent_[sent_.size() - static_cast<size_t>(limit)].plus_seconds(span_seconds));
  };
  return std::max(after_span(per_minute_, 60), after_span(per_hour_, 3600));
}

void RequestBudget::spend(Instant at) {
  const size_t kept = static_cast<size_t>(std::max<int64_t>(per_minute_, per_hour_));
  if (kept == 0) return;
  sent_.push_back(at);
  while (sent_.size() > kept) sent_.pop_front();
}

}  // namespace defender
