// The service's idea of "now", learned from the Date header of its answers. A window must end at the
// service's now: a local clock running ahead would mark as read what the service has not written yet.
#pragma once

#include <string_view>

#include "instant.h"

namespace defender {

class ServerClock {
 public:
  // Differences under this are the Date header's own one-second resolution, not skew.
  static constexpr int64_t tolerance_seconds = 2;

  void observe(std::string_view date_header, Instant local_now);
  Instant now(Instant local_now) const { return Instant{local_now.ticks + offset_ticks_}; }
  int64_t offset_seconds() const { return offset_ticks_ / Instant::ticks_per_second; }

 private:
  int64_t offset_ticks_ = 0;
};

}  // namespace defender
