// The tests' CEF parser, against the examples of the ArcSight CEF Implementation Standard and the rules it states.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "cef_parser.h"

using namespace std::string_literals;
using defender::test::CefRecord;
using defender::test::parse_cef;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

CefRecord parsed(std::string_view line) {
  auto result = parse_cef(line);
  REQUIRE_MESSAGE(result.record.has_value(), result.error);
  return *result.record;
}

std::string error_of(std::string_view line) {
  const auto result = parse_cef(line);
  REQUIRE_FALSE(result.record.has_value());
  return result.error;
}

}  // namespace

TEST_CASE("parses the standard's example with a syslog prefix") {
  const auto r = parsed(
      "Sep 19 08:26:10 host CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|"
      "src=10.0.0.1 dst=2.1.2.2 spt=1232");
  CHECK(r.version == "0");
  CHECK(r.vendor == "Security");
  CHECK(r.product == "threatmanager");
  CHECK(r.device_version == "1.0");
  CHECK(r.signature_id == "100");
  CHECK(r.name == "worm successfully stopped");
  CHECK(r.severity == "10");
  CHECK(r.extension == Pairs{{"src", "10.0.0.1"}, {"dst", "2.1.2.2"}, {"spt", "1232"}});
}

TEST_CASE("parses a line without syslog prefix and a CEF:1 version") {
  const auto r = parsed("CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1");
  CHECK(r.version == "1");
  CHECK(r.extension == Pairs{{"src", "10.0.0.1"}});
}

TEST_CASE("unescapes a pipe in the header and keeps a raw pipe in the extension") {
  const auto r = parsed(R"(CEF:0|security|threatmanager|1.0|100|detected a \| in message|10|)"
                        R"(src=10.0.0.1 act=blocked a | dst=1.1.1.1)");
  CHECK(r.name == "detected a | in message");
  CHECK(r.extension == Pairs{{"src", "10.0.0.1"}, {"act", "blocked a |"}, {"dst", "1.1.1.1"}});
}

TEST_CASE("unescapes a backslash in the header and in the extension") {
  const auto r = parsed(R"(CEF:0|security|threatmanager|1.0|100|detected a \\ in packet|10|)"
                        R"(src=10.0.0.1 act=blocked a \\ dst=1.1.1.1)");
  CHECK(r.name == R"(detected a \ in packet)");
  CHECK(r.value("act") == R"(blocked a \)");
}

TEST_CASE("keeps an equal sign in the header and unescapes one in the extension") {
  const auto r = parsed(R"(CEF:0|security|threatmanager|1.0|100|detected a = in message|10|)"
                        R"(src=10.0.0.1 act=blocked a \= dst=1.1.1.1)");
  CHECK(r.name == "detected a = in message");
  CHECK(r.value("act") == "blocked a =");
}

TEST_CASE("unescapes \\n and \\r in extension values") {
  const auto r = parsed(R"(CEF:0|security|threatmanager|1.0|100|Detected a threat.|10|)"
                        R"(src=10.0.0.1 msg=Detected a threat.\n No action needed\r)");
  CHECK(r.value("msg") == "Detected a threat.\n No action needed\r");
}

TEST_CASE("a value runs until the next key, spaces included") {
  const auto r = parsed("CEF:0|V|P|1|1|N|5|filePath=/user/username/dir/my file name.txt suser=bob");
  CHECK(r.value("filePath") == "/user/username/dir/my file name.txt");
}

TEST_CASE("spaces before a key but the last belong to the previous value") {
  const auto r = parsed("CEF:0|V|P|1|1|N|5|cs1=trailing   cs2=x");
  CHECK(r.value("cs1") == "trailing  ");
}

TEST_CASE("trailing spaces of the last value are dropped") {
  const auto r = parsed("CEF:0|V|P|1|1|N|5|cs1=a cs2=last   ");
  CHECK(r.value("cs2") == "last");
}

TEST_CASE("a leading space in a value is kept") {
  CHECK(parsed("CEF:0|V|P|1|1|N|5|cs1= lead cs2=x").value("cs1") == " lead");
}

TEST_CASE("an empty extension and empty header fields are valid") {
  const auto r = parsed("CEF:0||||||Unknown|");
  CHECK(r.vendor.empty());
  CHECK(r.name.empty());
  CHECK(r.severity == "Unknown");
  CHECK(r.extension.empty());
}

TEST_CASE("an empty value is valid") { CHECK(parsed("CEF:0|V|P|1|1|N|5|cs1= cs2=x").value("cs1") == ""); }

TEST_CASE("accepts the severity words and integers 0 to 10") {
  for (std::string sev : {"0", "10", "Unknown", "Low", "Medium", "High", "Very-High"}) {
    CAPTURE(sev);
    CHECK(parsed("CEF:0|V|P|1|1|N|" + sev + "|").severity == sev);
  }
}

TEST_CASE("rejects a line without CEF header") { CHECK(error_of("Sep 19 08:26:10 host hello") == "no CEF: header"); }

TEST_CASE("rejects a non-integer version") { CHECK(error_of("CEF:x|V|P|1|1|N|5|") == "version is not an integer"); }

TEST_CASE("rejects a header with fewer than 7 fields") {
  CHECK(error_of("CEF:0|V|P|1|1|N|5") == "header has fewer than 7 fields");
}

TEST_CASE("rejects an unescaped pipe in the header, which shifts the severity") {
  CHECK(error_of("CEF:0|V|P|1|1|a|b|5|src=1.2.3.4") == "invalid severity 'b'");
}

TEST_CASE("rejects a severity out of range") {
  CHECK(error_of("CEF:0|V|P|1|1|N|11|") == "invalid severity '11'");
  CHECK(error_of("CEF:0|V|P|1|1|N|high|") == "invalid severity 'high'");
}

TEST_CASE("rejects a backslash in the header that escapes neither backslash nor pipe") {
  CHECK(error_of(R"(CEF:0|V|P|1|1|a \= b|5|)") == "bad escape in header at byte 16");
}

TEST_CASE("rejects an extension escape other than backslash, equals, n and r") {
  CHECK(error_of(R"(CEF:0|V|P|1|1|N|5|msg=a \t b)") == "bad escape in value of msg at byte 24");
  CHECK(error_of(R"(CEF:0|V|P|1|1|N|5|msg=a \| b)") == "bad escape in value of msg at byte 24");
  CHECK(error_of(R"(CEF:0|V|P|1|1|N|5|msg=a\)") == "backslash at end of value of msg");
}

TEST_CASE("rejects an unescaped equal sign inside a value") {
  CHECK(error_of("CEF:0|V|P|1|1|N|5|request=http://x/?a=1") == "unescaped '=' in value of request at byte 37");
}

TEST_CASE("rejects a key that is not alphanumeric") {
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=a b.c=d") == "invalid key 'b.c'");
  CHECK(error_of("CEF:0|V|P|1|1|N|5|my_key=d") == "invalid key 'my_key'");
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=a =d") == "invalid key ''");
}

TEST_CASE("rejects an extension that does not start with key=value") {
  CHECK(error_of("CEF:0|V|P|1|1|N|5|hello") == "extension is not key=value at byte 18");
}

TEST_CASE("rejects a duplicate key") {
  CHECK(error_of("CEF:0|V|P|1|1|N|5|src=1.1.1.1 src=2.2.2.2") == "duplicate key 'src'");
}

TEST_CASE("rejects raw control characters") {
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=a\tb") == "raw control character 0x09 at byte 23");
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=a\rb") == "raw control character 0x0D at byte 23");
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=a\0b"s) == "raw control character 0x00 at byte 23");
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=a\x7f") == "raw control character 0x7F at byte 23");
}

TEST_CASE("rejects invalid UTF-8") {
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=a\xC3(") == "invalid UTF-8 at byte 23");
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=\xC0\xAF") == "invalid UTF-8 at byte 22");
  CHECK(error_of("CEF:0|V|P|1|1|N|5|msg=\xED\xA0\x80") == "invalid UTF-8 at byte 22");
}

TEST_CASE("rejects CEF: glued to the text before it") {
  CHECK(error_of("hostCEF:0|V|P|1|1|N|5|") == "CEF: not preceded by a space at byte 4");
}
