// The request budget of one source: at most N requests in any minute and M in any hour, kept before sending
// rather than learnt from 429s (docs/microsoft-apis.md, "Request budgets").
#pragma once

#include <cstdint>
#include <deque>

#include "instant.h"

namespace defender {

class RequestBudget {
 public:
  // 0 means no limit for that span.
  RequestBudget(int64_t per_minute, int64_t per_hour);

  // The earliest instant the next request may be sent; `now` when there is room.
  Instant next_allowed(Instant now) const;
  void spend(Instant at);

 private:
  int64_t per_minute_;
  int64_t per_hour_;
  std::deque<Instant> sent_;  // the newest max(per_minute, per_hour) sending times, oldest first
};

}  // namespace defender
