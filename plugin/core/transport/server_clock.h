// The service's idea of "now", learned from the Date header of its answers. What is taken as read is bounded by
// the service's now, never the host's: a host clock running ahead would mark as read what the service has not
// written yet, and those alerts would never be asked for.
#pragma once

#include <optional>
#include <string_view>

#include "instant.h"

namespace defender {

class ServerClock {
 public:
  // Differences under this are the Date header's own one-second resolution, not skew.
  static constexpr int64_t tolerance_seconds = 2;
  // A difference this large is told to the person running the collector (once, and again when it is gone).
  static constexpr int64_t notable_seconds = 30;
  // Once the service's now is known, a Date that moves it further than this is believed only when the next answer
  // agrees (within a minute): one wrong header must not stall the windows or replay the past.
  static constexpr int64_t jump_seconds = 3600;

  enum class Change { none, became_notable, stopped_being_notable };

  // An answer's Date header, read at local_now. A missing or unreadable header teaches nothing, nor does an
  // unconfirmed jump.
  Change observe(std::string_view date_header, Instant local_now);

  // Whether any answer carried a Date yet; until then now() is the local clock.
  bool known() const { return known_; }
  Instant now(Instant local_now) const { return Instant{local_now.ticks + offset_ticks_}; }
  // Positive when the service is ahead of this host.
  int64_t offset_seconds() const { return offset_ticks_ / Instant::ticks_per_second; }

 private:
  int64_t offset_ticks_ = 0;
  std::optional<int64_t> unconfirmed_jump_;  // the offset a Date far from the known one gave, awaiting a second
  bool known_ = false;
  bool notable_ = false;
};

}  // namespace defender
