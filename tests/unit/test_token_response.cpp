#include <doctest/doctest.h>

#include "token_provider.h"

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
  CHECK_FALSE(parse_expires_in(R"({"expires_in":3599,"x":)" + std::string(100'000, '[') + std::string(100'000, ']') + "}"));
}
