// The wall clock the poller's parts read: before each request and after each answer, since a request can take as
// long as timeout(). Injected, so that tests set the time.
#pragma once

#include "instant.h"

namespace defender {

using Clock = Instant (*)();

}  // namespace defender
