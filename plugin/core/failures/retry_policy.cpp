#include "failures/retry_policy.h"

#include <algorithm>

namespace defender {

RetryPolicy::RetryPolicy(uint64_t seed) : random_(static_cast<std::minstd_rand::result_type>(seed | 1)) {}

int64_t RetryPolicy::delay_ms(const Failure &failure) {
  switch (failure.kind) {
    case FailureKind::aborted:
      return 0;
    case FailureKind::configuration:
      return configuration_delay_seconds * 1000;
    case FailureKind::throttled:
      return failure.retry_after_seconds.value_or(throttled_default_seconds) * 1000;
    case FailureKind::transient: {
      const int shift = std::min(consecutive_transient_++, 20);
      const int64_t ceiling = std::min(transient_cap_seconds * 1000, (transient_first_seconds * 1000) << shift);
      // "Equal jitter": at least half the ceiling, so that retries spread out but never hammer.
      std::uniform_int_distribution<int64_t> jitter(ceiling / 2, ceiling);
      return std::max<int64_t>(failure.retry_after_seconds.value_or(0) * 1000, jitter(random_));
    }
  }
  return configuration_delay_seconds * 1000;
}

}  // namespace defender
