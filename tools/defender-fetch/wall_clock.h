// Now, in the core's 100 ns ticks; also the clock the poller reads (poller/clock.h's Clock).
#pragma once

#include "instant.h"

namespace defender::fetch {

Instant wall_clock();

}  // namespace defender::fetch
