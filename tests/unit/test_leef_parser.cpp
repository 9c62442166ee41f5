// The tests' LEEF parser, against the examples of IBM's QRadar LEEF guide and the rules it states.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "leef_parser.h"

using namespace std::string_literals;
using defender::test::LeefRecord;
using defender::test::parse_leef;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

LeefRecord parsed(std::string_view line) {
  auto result = parse_leef(line);
  REQUIRE_MESSAGE(result.record.has_value(), result.error);
  return *result.record;
}

std::string error_of(std::string_view line) {
  const auto result = parse_leef(line);
  REQUIRE_FALSE(result.record.has_value());
  return result.error;
}

}  // namespace

TEST_CASE("parses the guide's LEEF 1.0 example with a syslog prefix") {
  const auto r = parsed(
      "Jan 18 11:07:53 192.168.1.1 LEEF:1.0|QRadar|QRM|1.0|NEW_PORT_DISCOVERD|"
      "src=172.5.6.67\tdst=172.50.123.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\t"
      "usrName=joe.black");
  CHECK(r.version == "1.0");
  CHECK(r.vendor == "QRadar");
  CHECK(r.product == "QRM");
  CHECK(r.product_version == "1.0");
  CHECK(r.event_id == "NEW_PORT_DISCOVERD");
  CHECK(r.delimiter == "\t");
  CHECK(r.attributes == Pairs{{"src", "172.5.6.67"},
                              {"dst", "172.50.123.1"},
                              {"sev", "5"},
                              {"cat", "anomaly"},
                              {"srcPort", "81"},
                              {"dstPort", "21"},
                              {"usrName", "joe.black"}});
}

TEST_CASE("parses the guide's LEEF 2.0 example with a caret delimiter") {
  const auto r = parsed("LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^srcPort=81^dstPort=21");
  CHECK(r.version == "2.0");
  CHECK(r.event_id == "41");
  CHECK(r.delimiter == "^");
  CHECK(r.attributes ==
        Pairs{{"src", "10.0.1.8"}, {"dst", "10.0.0.5"}, {"sev", "5"}, {"srcPort", "81"}, {"dstPort", "21"}});
}

TEST_CASE("reads a delimiter given as x or 0x and hex digits, and an empty one as TAB") {
  CHECK(parsed("LEEF:2.0|V|P|1|E|x5E|a=1^b=2").attributes == Pairs{{"a", "1"}, {"b", "2"}});
  CHECK(parsed("LEEF:2.0|V|P|1|E|0x5e|a=1^b=2").delimiter == "^");
  CHECK(parsed("LEEF:2.0|V|P|1|E|x09|a=1\tb=2").attributes == Pairs{{"a", "1"}, {"b", "2"}});
  CHECK(parsed("LEEF:2.0|V|P|1|E||a=1\tb=2").delimiter == "\t");
  CHECK(parsed("LEEF:2.0|V|P|1|E|x00A6|a=1\xC2\xA6"
               "b=2")
            .attributes == Pairs{{"a", "1"}, {"b", "2"}});
}

TEST_CASE("only the first '=' splits key from value, and values keep '|' and backslashes") {
  CHECK(parsed("LEEF:1.0|V|P|1|E|url=http://x/?a=1&b=2\tpath=C:\\a|b").attributes ==
        Pairs{{"url", "http://x/?a=1&b=2"}, {"path", "C:\\a|b"}});
}

TEST_CASE("a header without attributes has none") { CHECK(parsed("LEEF:1.0|V|P|1|E|").attributes.empty()); }

TEST_CASE("rejects what the guide does not allow") {
  CHECK(error_of("CEF:0|V|P|1|E|n|0|") == "no LEEF: header");
  CHECK(error_of("xLEEF:1.0|V|P|1|E|") == "LEEF: not preceded by a space at byte 1");
  CHECK(error_of("LEEF:3.0|V|P|1|E|") == "unknown LEEF version '3.0'");
  CHECK(error_of("LEEF:1.0|V|P|1|") == "header has fewer fields than LEEF 1.0 defines");
  CHECK(error_of("LEEF:2.0|V|P|1|E|") == "header has fewer fields than LEEF 2.0 defines");
  CHECK(error_of("LEEF:2.0|V|P|1|E|^^|a=1") == "invalid delimiter field '^^'");
  CHECK(error_of("LEEF:2.0|V|P|1|E|x12345|a=1") == "invalid delimiter field 'x12345'");
  CHECK(error_of("LEEF:1.0|V|P|1|" + std::string(256, 'e') + "|") == "event id over 255 characters");
  CHECK(error_of("LEEF:1.0|V|P|1|E|a=1\t\tb=2") == "empty attribute");
  CHECK(error_of("LEEF:1.0|V|P|1|E|a=1\t") == "empty attribute");
  CHECK(error_of("LEEF:1.0|V|P|1|E|novalue") == "attribute without '=': 'novalue'");
  CHECK(error_of("LEEF:1.0|V|P|1|E|a b=1") == "invalid key 'a b'");
  CHECK(error_of("LEEF:1.0|V|P|1|E|a=1\ta=2") == "duplicate key 'a'");
  CHECK(error_of("LEEF:1.0|V|P|1|E|usrName=" + std::string(256, 'u')) == "usrName over 255 characters");
}

TEST_CASE("rejects CR, LF, NUL, other controls and invalid UTF-8") {
  CHECK(error_of("LEEF:1.0|V|P|1|E|a=1\nLEEF:1.0|V|P|1|E|b=2") == "raw CR, LF or NUL at byte 20");
  CHECK(error_of("LEEF:1.0|V|P|1|E|a=1\r") == "raw CR, LF or NUL at byte 20");
  CHECK(error_of("LEEF:1.0|V|P|1|E|a=1\0"s) == "raw CR, LF or NUL at byte 20");
  CHECK(error_of("LEEF:2.0|V|P|1|E|^|a=1\tb") == "control character in attribute 'a=1\tb'");
  CHECK(error_of("LEEF:1.0|V|P\t|1|E|") == "control character in header at byte 12");
  CHECK(error_of("LEEF:1.0|V|P|1|E|a=\xC3") == "invalid UTF-8 at byte 19");
}
