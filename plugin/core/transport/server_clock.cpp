#include "transport/server_clock.h"

#include <cstdlib>

#include "transport/http_date.h"

namespace defender {

ServerClock::Change ServerClock::observe(std::string_view date_header, Instant local_now) {
  const auto server = parse_http_date(date_header);
  if (!server) return Change::none;
  const int64_t offset = server->ticks - local_now.ticks;
  if (known_ && std::llabs(offset - offset_ticks_) > jump_seconds * Instant::ticks_per_second) {
    const bool confirmed =
        unconfirmed_jump_ && std::llabs(offset - *unconfirmed_jump_) <= 60 * Instant::ticks_per_second;
    unconfirmed_jump_ = offset;
    if (!confirmed) return Change::none;
  }
  unconfirmed_jump_.reset();
  known_ = true;
  offset_ticks_ = std::llabs(offset) > tolerance_seconds * Instant::ticks_per_second ? offset : 0;
  const bool notable = std::llabs(offset) >= notable_seconds * Instant::ticks_per_second;
  if (notable == notable_) return Change::none;
  notable_ = notable;
  return notable ? Change::became_notable : Change::stopped_being_notable;
}

}  // namespace defender
