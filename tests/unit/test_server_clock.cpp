// The service's clock as its Date headers tell it: what bounds the windows, the checkpoint and the lag.
#include <doctest/doctest.h>

#include "transport/server_clock.h"

using namespace defender;

namespace {

// Sun, 06 Nov 1994 08:49:37 GMT
const Instant service = Instant::from_seconds(784111777);
constexpr const char *date = "Sun, 06 Nov 1994 08:49:37 GMT";

}  // namespace

TEST_CASE("until an answer carries a Date, the service's now is the host's") {
  ServerClock clock;
  CHECK_FALSE(clock.known());
  CHECK(clock.now(service.plus_seconds(7)) == service.plus_seconds(7));
  CHECK(clock.observe("", service) == ServerClock::Change::none);
  CHECK(clock.observe("yesterday", service) == ServerClock::Change::none);
  CHECK_FALSE(clock.known());
}

TEST_CASE("a host 20 minutes ahead reads the service's now 20 minutes earlier") {
  ServerClock clock;
  CHECK(clock.observe(date, service.plus_seconds(1200)) == ServerClock::Change::became_notable);
  CHECK(clock.known());
  CHECK(clock.offset_seconds() == -1200);
  CHECK(clock.now(service.plus_seconds(1210)) == service.plus_seconds(10));
}

TEST_CASE("a host years behind reads the service's now years later") {
  ServerClock clock;
  const int64_t years = 3 * 365 * 86400;
  CHECK(clock.observe(date, service.minus_seconds(years)) == ServerClock::Change::became_notable);
  CHECK(clock.offset_seconds() == years);
  CHECK(clock.now(service.minus_seconds(years)) == service);
}

TEST_CASE("a difference within the Date header's resolution is not taken as skew") {
  ServerClock clock;
  CHECK(clock.observe(date, service.plus_seconds(2)) == ServerClock::Change::none);
  CHECK(clock.known());
  CHECK(clock.offset_seconds() == 0);
  CHECK(clock.now(service.plus_seconds(2)) == service.plus_seconds(2));
}

TEST_CASE("a small skew is applied without being reported") {
  ServerClock clock;
  CHECK(clock.observe(date, service.plus_seconds(10)) == ServerClock::Change::none);
  CHECK(clock.offset_seconds() == -10);
}

TEST_CASE("a notable skew is reported once, and once more when it is gone") {
  ServerClock clock;
  CHECK(clock.observe(date, service.plus_seconds(600)) == ServerClock::Change::became_notable);
  CHECK(clock.observe(date, service.plus_seconds(601)) == ServerClock::Change::none);
  CHECK(clock.observe(date, service.minus_seconds(900)) == ServerClock::Change::none);
  CHECK(clock.observe(date, service) == ServerClock::Change::stopped_being_notable);
  CHECK(clock.observe(date, service) == ServerClock::Change::none);
  CHECK(clock.offset_seconds() == 0);
}

TEST_CASE("one Date far from the known service time is not believed until the next answer agrees") {
  ServerClock clock;
  clock.observe(date, service);
  const int64_t year = 365 * 86400;
  CHECK(clock.observe(date, service.plus_seconds(year)) == ServerClock::Change::none);
  CHECK(clock.offset_seconds() == 0);
  CHECK(clock.observe(date, service) == ServerClock::Change::none);
  CHECK(clock.offset_seconds() == 0);
  CHECK(clock.observe(date, service.plus_seconds(year)) == ServerClock::Change::none);
  CHECK(clock.observe(date, service.plus_seconds(year + 10)) == ServerClock::Change::became_notable);
  CHECK(clock.offset_seconds() == -(year + 10));
}
