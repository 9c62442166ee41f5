#include <doctest/doctest.h>

#include "failures/retry_policy.h"

using namespace defender;

TEST_CASE("what a person must fix is retried after five minutes, every time") {
  RetryPolicy p(1);
  const Failure f{FailureKind::configuration, "wrong secret", std::nullopt};
  CHECK(p.delay_ms(f) == 300'000);
  CHECK(p.delay_ms(f) == 300'000);
}

TEST_CASE("throttling waits exactly as long as Retry-After says, a minute without it") {
  RetryPolicy p(1);
  CHECK(p.delay_ms(Failure{FailureKind::throttled, "429", 17}) == 17'000);
  CHECK(p.delay_ms(Failure{FailureKind::throttled, "429", std::nullopt}) == 60'000);
}

TEST_CASE("transient failures back off exponentially with jitter up to a cap, and reset on success") {
  RetryPolicy p(7);
  const Failure f{FailureKind::transient, "503", std::nullopt};
  int64_t ceiling = 2'000;
  for (int attempt = 0; attempt < 12; ++attempt) {
    const int64_t delay = p.delay_ms(f);
    CHECK(delay >= ceiling / 2);
    CHECK(delay <= ceiling);
    ceiling = std::min<int64_t>(ceiling * 2, 300'000);
  }
  p.succeeded();
  const int64_t after_reset = p.delay_ms(f);
  CHECK(after_reset >= 1'000);
  CHECK(after_reset <= 2'000);
}

TEST_CASE("a transient failure with Retry-After waits at least that long") {
  RetryPolicy p(3);
  CHECK(p.delay_ms(Failure{FailureKind::transient, "503", 120}) == 120'000);
}
