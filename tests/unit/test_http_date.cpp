#include <doctest/doctest.h>

#include "transport/http_date.h"

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
  CHECK(parse_retry_after("120", now).seconds == 120);
  CHECK(parse_retry_after(" 7 ", now).seconds == 7);
  CHECK(parse_retry_after("3600", now).seconds == 3600);
  CHECK(parse_retry_after("120", now).note.empty());
}

TEST_CASE("Retry-After as a date is the seconds until then, rounded up") {
  const Instant now = *parse_instant("2026-11-27T10:00:00.5Z");
  CHECK(parse_retry_after("Fri, 27 Nov 2026 10:01:00 GMT", now).seconds == 60);
}

TEST_CASE("Retry-After of now or a date already past waits the shortest time, a second, without a note") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  CHECK(parse_retry_after("0", now).seconds == 1);
  CHECK(parse_retry_after("0", now).note.empty());
  CHECK(parse_retry_after("Fri, 27 Nov 2026 09:00:00 GMT", now).seconds == 1);
  CHECK(parse_retry_after("Fri, 27 Nov 2026 09:00:00 GMT", now).note.empty());
}

TEST_CASE("Retry-After beyond an hour is clamped to an hour, with a note") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  const RetryAfter long_wait = parse_retry_after("86400", now);
  CHECK(long_wait.seconds == 3600);
  CHECK(long_wait.note == "Retry-After \"86400\" asks for more than an hour; waiting 3600 seconds");
  CHECK(parse_retry_after("Sat, 01 Jan 2222 00:00:00 GMT", now).seconds == 3600);
}

TEST_CASE("Retry-After too large for any integer is clamped to an hour, not overflowed") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  const RetryAfter huge = parse_retry_after(std::string(100, '9'), now);
  CHECK(huge.seconds == 3600);
  CHECK(huge.note ==
        "Retry-After \"" + std::string(64, '9') + "...\" asks for more than an hour; waiting 3600 seconds");
}

TEST_CASE("a negative Retry-After waits a second, with a note") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  const RetryAfter negative = parse_retry_after("-5", now);
  CHECK(negative.seconds == 1);
  CHECK(negative.note == "Retry-After \"-5\" is negative; waiting 1 second");
  CHECK(parse_retry_after("-" + std::string(40, '9'), now).seconds == 1);
}

TEST_CASE("Retry-After that is neither is ignored, with a note") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  const RetryAfter soon = parse_retry_after("soon", now);
  CHECK_FALSE(soon.seconds);
  CHECK(soon.note == "Retry-After \"soon\" is neither seconds nor an HTTP date and is ignored");
  CHECK_FALSE(parse_retry_after("-5x", now).seconds);
  CHECK_FALSE(parse_retry_after("-", now).seconds);
}

TEST_CASE("no Retry-After is no wait and no note") {
  const Instant now = *parse_instant("2026-11-27T10:00:00Z");
  CHECK_FALSE(parse_retry_after("", now).seconds);
  CHECK(parse_retry_after("  ", now).note.empty());
}
