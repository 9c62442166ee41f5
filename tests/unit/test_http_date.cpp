#include <doctest/doctest.h>

#include "http_date.h"

using namespace defender;

TEST_CASE("an HTTP date is an instant in UTC") {
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == parse_instant("1994-11-06T08:49:37Z"));
}

TEST_CASE("anything but an IMF-fixdate is not an HTTP date") {
  CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date(""));
}

TEST_CASE("Retry-After in seconds") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  CHECK(parse_retry_after("120", now) == 120);
  CHECK(parse_retry_after(" 7 ", now) == 7);
  CHECK(parse_retry_after("0", now) == 0);
}

TEST_CASE("Retry-After as a date is the seconds until then, rounded up, never negative") {
  const Instant now = *parse_instant("2026-11-27T10:00:00.5Z");
  CHECK(parse_retry_after("Fri, 27 Nov 2026 10:01:00 GMT", now) == 60);
  CHECK(parse_retry_after("Fri, 27 Nov 2026 09:00:00 GMT", now) == 0);
}

TEST_CASE("Retry-After that is neither gives nothing") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("", now));
  CHECK_FALSE(parse_retry_after("-5x", now));
}
