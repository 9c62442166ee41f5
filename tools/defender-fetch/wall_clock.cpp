#include "wall_clock.h"

#include <chrono>

namespace defender::fetch {

Instant wall_clock() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant{std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count() / 100};
}

}  // namespace defender::fetch
