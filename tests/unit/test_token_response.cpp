#include <doctest/doctest.h>

#include <limits>

#include "credentials/token_provider.h"

using namespace defender;

TEST_CASE("expires_in is read as a number, as the v2 endpoint sends it") {
  CHECK(parse_expires_in(R"({"token_type":"Bearer","expires_in":3599,"access_token":"x"})") == 3599);
}

TEST_CASE("expires_in is read as a string, as v1 samples send it") {
  CHECK(parse_expires_in(R"({"expires_in":"3599","expires_on":"1388452167","access_token":"x"})") == 3599);
}

TEST_CASE("expires_in that is missing or not a number gives nothing") {
  CHECK_FALSE(parse_expires_in(R"({"access_token":"x"})"));
  CHECK_FALSE(parse_expires_in(R"({"expires_in":"soon"})"));
  CHECK_FALSE(parse_expires_in(R"({"expires_in":12.5})"));
  CHECK_FALSE(parse_expires_in("not json"));
}

TEST_CASE("a token answer nested 100,000 levels deep gives nothing and does not overflow the stack") {
  const std::string bomb = std::string(100'000, '[') + std::string(100'000, ']');
  CHECK_FALSE(parse_expires_in(R"({"expires_in":3599,"x":)" + bomb + "}"));
}

TEST_CASE("a token is renewed five minutes before it expires, or at three quarters of a short lifetime") {
  CHECK(token_refresh(3599).after_seconds == 3299);
  CHECK(token_refresh(3599).note.empty());
  CHECK(token_refresh(100).after_seconds == 75);
}

TEST_CASE("a lifetime too short to renew a minute ahead is renewed after a minute, with a note") {
  const TokenRefresh refresh = token_refresh(5);
  CHECK(refresh.after_seconds == 60);
  CHECK(refresh.note ==
        "the token endpoint's expires_in (5 seconds) is too short to renew the token ahead of its "
        "expiry; it is renewed after 60 seconds, and a request it expires on gets a fresh one");
  CHECK(token_refresh(1).after_seconds == 60);
}

TEST_CASE("a lifetime of ten years is renewed after a day, with a note") {
  const TokenRefresh refresh = token_refresh(315'360'000);
  CHECK(refresh.after_seconds == 86400);
  CHECK(refresh.note ==
        "the token endpoint's expires_in (315360000 seconds) is longer than a day; the token is "
        "renewed after 86400 seconds");
  CHECK(token_refresh(std::numeric_limits<int64_t>::max()).after_seconds == 86400);
}
