// The source's counters (docs/options.md, "Statistics"), kept by the fetcher thread and read by the glue on the same
// thread.
#pragma once

#include <array>
#include <cstdint>

#include "boundary/core.h"

namespace defender {

class Stats {
 public:
  void add(DefenderStat stat, int64_t n = 1) { values_[stat] += n; }
  void set(DefenderStat stat, int64_t value) { values_[stat] = value; }
  int64_t get(DefenderStat stat) const { return values_[stat]; }

  // Every HTTP exchange counts once, by outcome; status 0 means no answer arrived.
  void count_response(long status) {
    if (status == 0)
      add(DEFENDER_STAT_REQUESTS_NETWORK);
    else if (status >= 200 && status < 300)
      add(DEFENDER_STAT_REQUESTS_2XX);
    else if (status == 401)
      add(DEFENDER_STAT_REQUESTS_401);
    else if (status == 403)
      add(DEFENDER_STAT_REQUESTS_403);
    else if (status == 429)
      add(DEFENDER_STAT_REQUESTS_429);
    else if (status >= 500)
      add(DEFENDER_STAT_REQUESTS_5XX);
    else
      add(DEFENDER_STAT_REQUESTS_4XX_OTHER);
  }

 private:
  std::array<int64_t, DEFENDER_STAT_COUNT> values_{};
};

}  // namespace defender
