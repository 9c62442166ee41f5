#include "server_clock.h"

#include <cstdlib>

#include "http_date.h"

namespace defender {

void ServerClock::observe(std::string_view date_header, Instant local_now) {
  const auto server = parse_http_date(date_header);
  if (!server) return;
  const int64_t offset = server->ticks - local_now.ticks;
  offset_ticks_ = std::llabs(offset) > tolerance_seconds * Instant::ticks_per_second ? offset : 0;
}

}  // namespace defender
