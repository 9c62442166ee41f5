// Instants: the APIs write 0 to 7 fractional digits, with or without a zone, so times are parsed to 100 ns ticks
// and compared as instants.
#include <doctest/doctest.h>

#include "instant.h"

using defender::format_instant;
using defender::Instant;
using defender::parse_instant;

namespace {

int64_t ticks(std::string_view text) {
  const auto t = parse_instant(text);
  REQUIRE_MESSAGE(t.has_value(), text);
  return t->ticks;
}

}  // namespace

TEST_CASE("parse_instant reads whole seconds without a fraction") {
  CHECK(ticks("2021-05-02T14:19:01Z") == 16199651410000000);
}

TEST_CASE("parse_instant scales 1 to 7 fractional digits to 100 ns ticks") {
  CHECK(ticks("2021-01-26T20:33:59.2Z") == 16116932392000000);
  CHECK(ticks("2021-01-26T20:33:59.22Z") == 16116932392200000);
  CHECK(ticks("2021-01-26T20:33:59.222Z") == 16116932392220000);
  CHECK(ticks("2021-01-26T20:33:59.2222Z") == 16116932392222000);
  CHECK(ticks("2021-01-26T20:33:59.22222Z") == 16116932392222200);
  CHECK(ticks("2021-01-26T20:33:59.222222Z") == 16116932392222220);
  CHECK(ticks("2021-01-26T20:33:57.7220239Z") == 16116932377220239);
}

TEST_CASE("parse_instant truncates digits beyond the seventh") {
  CHECK(ticks("2021-01-26T20:33:57.722023999Z") == 16116932377220239);
}

TEST_CASE("parse_instant reads a time without a zone as UTC, as the SIEM API writes it") {
  CHECK(ticks("2021-05-02T14:19:01") == ticks("2021-05-02T14:19:01Z"));
  CHECK(ticks("2016-09-12T00:00:00.000") == ticks("2016-09-12T00:00:00Z"));
}

TEST_CASE("parse_instant applies positive and negative offsets") {
  CHECK(ticks("2021-05-02T16:19:01+02:00") == 16199651410000000);
  CHECK(ticks("2021-05-02T09:49:01-04:30") == 16199651410000000);
}

TEST_CASE("parse_instant accepts February 29 only in leap years") {
  CHECK(ticks("2020-02-29T12:00:00Z") == 15829776000000000);
  CHECK(ticks("2000-02-29T00:00:00Z") == 9517824000000000);
  CHECK_FALSE(parse_instant("2021-02-29T00:00:00Z"));
  CHECK_FALSE(parse_instant("1900-02-29T00:00:00Z"));
}

TEST_CASE("parse_instant reads times before 1970 as negative ticks") {
  CHECK(ticks("1969-12-31T23:59:59.9Z") == -1000000);
  CHECK(ticks("1960-06-15T08:30:00Z") == -3012462000000000);
}

TEST_CASE("parse_instant rejects malformed times") {
  for (std::string_view bad : {"",
                               "2021-05-02",
                               "2021-05-02T14:19",
                               "2021-05-02T14:19:01.",
                               "2021-05-02T14:19:01.Z",
                               "2021-13-02T14:19:01Z",
                               "2021-00-02T14:19:01Z",
                               "2021-04-31T14:19:01Z",
                               "2021-05-02T24:00:00Z",
                               "2021-05-02T14:60:01Z",
                               "2021-05-02T14:19:60Z",
                               "2021-05-02T14:19:01+0200",
                               "2021-05-02T14:19:01+24:00",
                               "2021-05-02T14:19:01ZZ",
                               "2021-05-02T14:19:01Z ",
                               " 2021-05-02T14:19:01Z",
                               "21-05-02T14:19:01Z",
                               "2021-5-2T14:19:01Z",
                               "2021-05-02X14:19:01Z",
                               "2021-05-02T14:19:0aZ"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_instant(bad));
  }
}

TEST_CASE("instants order by time whatever the number of fractional digits") {
  CHECK(parse_instant("2021-01-26T20:33:59.2Z") > parse_instant("2021-01-26T20:33:59.1999999Z"));
  CHECK(parse_instant("2021-01-26T20:33:59.2Z") == parse_instant("2021-01-26T20:33:59.2000000Z"));
  CHECK(parse_instant("2021-01-26T20:33:59.10Z") < parse_instant("2021-01-26T20:33:59.9Z"));
  CHECK(parse_instant("2021-01-26T20:34:00Z") > parse_instant("2021-01-26T20:33:59.9999999Z"));
}

TEST_CASE("format_instant writes 7 fractional digits and Z") {
  CHECK(format_instant(Instant{16116932392000000}) == "2021-01-26T20:33:59.2000000Z");
  CHECK(format_instant(Instant{0}) == "1970-01-01T00:00:00.0000000Z");
}

TEST_CASE("format_instant writes times before 1970 with a positive fraction") {
  CHECK(format_instant(Instant{-1000000}) == "1969-12-31T23:59:59.9000000Z");
  CHECK(format_instant(Instant{-1}) == "1969-12-31T23:59:59.9999999Z");
}

TEST_CASE("format_instant and parse_instant round-trip") {
  for (std::string_view text : {"2021-01-26T20:33:57.7220239Z", "2020-02-29T23:59:59.9999999Z",
                                "1960-06-15T08:30:00.0000001Z", "2000-01-01T00:00:00.0000000Z"}) {
    CAPTURE(text);
    CHECK(format_instant(*parse_instant(text)) == text);
  }
}

TEST_CASE("epoch_milliseconds floors to the millisecond, also before 1970") {
  CHECK(Instant{16116932377220239}.epoch_milliseconds() == 1611693237722);
  CHECK(Instant{-1}.epoch_milliseconds() == -1);
  CHECK(Instant{-10000}.epoch_milliseconds() == -1);
  CHECK(Instant{-10001}.epoch_milliseconds() == -2);
}
