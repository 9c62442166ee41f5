// How long to wait after a failure: slowly for what a person must fix, as told for throttling,
// exponentially with jitter and a cap for what fixes itself.
#pragma once

#include <cstdint>
#include <random>

#include "failures/failure.h"

namespace defender {

class RetryPolicy {
 public:
  static constexpr int64_t configuration_delay_seconds = 300;
  static constexpr int64_t throttled_default_seconds = 60;
  static constexpr int64_t transient_first_seconds = 2;
  static constexpr int64_t transient_cap_seconds = 300;

  explicit RetryPolicy(uint64_t seed);

  // Milliseconds to wait before the next attempt after this failure.
  int64_t delay_ms(const Failure &failure);
  void succeeded() { consecutive_transient_ = 0; }

 private:
  std::minstd_rand random_;
  int consecutive_transient_ = 0;
};

}  // namespace defender
