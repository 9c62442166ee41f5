// CEF escaping, sanitising and length limits against hostile alert text: whatever an attacker puts into a file
// name, a command line or a description comes back as that field's value, in one line, and forges nothing.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "alert_fixture.h"
#include "cef_parser.h"
#include "format.h"

using namespace std::string_literals;
using defender::Alert;
using defender::test::CefRecord;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

const std::string ellipsis = "\xE2\x80\xA6";
const std::string fffd = "\xEF\xBF\xBD";

std::string cef(const Alert &alert) {
  std::string out;
  defender::format_alert(alert, {}, out);
  return out;
}

CefRecord parsed_cef(const Alert &alert) {
  const std::string line = cef(alert);
  REQUIRE(line.find_first_of("\r\n\0"s) == std::string::npos);
  auto parsed = defender::test::parse_cef(line);
  REQUIRE_MESSAGE(parsed.record.has_value(), parsed.error, " in ", line);
  return *parsed.record;
}

// The extension without the update time that every line ends with.
Pairs alert_pairs(const CefRecord &r) {
  Pairs pairs = r.extension;
  REQUIRE(pairs.size() >= 2);
  CHECK(pairs.back() == std::pair<std::string, std::string>{"deviceCustomDate1Label", "lastUpdated"});
  pairs.resize(pairs.size() - 2);
  return pairs;
}

Alert hostile() {
  const auto loaded = defender::test::load_alert_fixture(std::string(DEFENDER_TEST_DATA) + "/hostile.json");
  REQUIRE_MESSAGE(loaded.alert.has_value(), loaded.error);
  return *loaded.alert;
}

}  // namespace

TEST_CASE("header fields keep pipes and backslashes and turn CR, LF and TAB into spaces") {
  const CefRecord r = parsed_cef(hostile());
  CHECK(r.signature_id == "det|ector\\id");
  CHECK(r.name == "Pipe | backslash \\ equals = CR LF TAB end");
  CHECK(r.severity == "0");
}

TEST_CASE("hostile extension values come back exactly, sanitised") {
  const Pairs expected{
      {"externalId", "hostile|id=1\\"},
      {"cat", "Cat|egory=x"},
      {"msg", "line1\r\nline2 cs1=forged \\ ends with backslash\\"},
      {"suid", "contoso\\liz; contoso\\jay"},
      {"sntdom", "DOM AIN "},
      {"suser", "bob suser=root"},
      {"fname", "evil .exe"},
      {"filePath", "C:\\Temp\\a=b|c"},
      {"cs1", "Trojan Win32"},
      {"cs1Label", "ThreatName"},
      {"cs4", "APT  "},
      {"cs4Label", "Actor"},
      {"src", "10.0.0.1"},
      {"request", "http://x/?a=1&b=2 cs1=forged"},
      {"MicrosoftDefenderStatus", "new "},
      {"MicrosoftDefenderAssignedTo", " analyst@contoso.com"},
      {"MicrosoftDefenderSeverity", "critical"},
      {"MicrosoftDefenderServiceSource", "unknownFutureValue"},
      {"MicrosoftDefenderCommandLine",
       "cmd.exe /c echo pwned\n<13>Jan 1 00:00:00 host CEF:0|Evil|Product|1.0|100|forged|10|src=6.6.6.6 act=owned"},
  };
  CHECK(alert_pairs(parsed_cef(hostile())) == expected);
}

TEST_CASE("a forged syslog record in a command line stays inside its value") {
  Alert a;
  a.command_line = "x\r\n<13>Jan 1 00:00:00 host CEF:0|Evil|Product|1.0|100|forged|10|src=6.6.6.6 act=owned\n";
  const CefRecord r = parsed_cef(a);
  CHECK(r.vendor == "Microsoft");
  CHECK(alert_pairs(r) == Pairs{{"MicrosoftDefenderCommandLine", a.command_line}});
}

TEST_CASE("a forged key in a file name stays inside its value") {
  Alert a;
  a.file_name = "a.exe externalId=forged cs1Label=x";
  a.id = "real";
  CHECK(alert_pairs(parsed_cef(a)) == Pairs{{"externalId", "real"}, {"fname", "a.exe externalId=forged cs1Label=x"}});
}

TEST_CASE("a value ending in a backslash does not swallow the next key") {
  Alert a;
  a.file_path = "C:\\Temp\\";
  a.file_name = "x.exe";
  CHECK(alert_pairs(parsed_cef(a)) == Pairs{{"fname", "x.exe"}, {"filePath", "C:\\Temp\\"}});
}

TEST_CASE("NUL never reaches the output") {
  Alert a;
  a.title = "a\0b"s;
  a.description = "c\0d"s;
  const std::string line = cef(a);
  CHECK(line.find('\0') == std::string::npos);
  const CefRecord r = parsed_cef(a);
  CHECK(r.name == "a b");
  CHECK(r.value("msg") == "c d");
}

TEST_CASE("C0, DEL and C1 control characters become spaces in values") {
  Alert a;
  a.description =
      "a\tb\x01"
      "c\x7f"
      "d\xC2\x85"
      "e";
  CHECK(parsed_cef(a).value("msg") == "a b c d e");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD in the header and in values") {
  Alert a;
  a.title = "bad \xC3 title";
  a.file_name = "\xFF\xFE.exe";
  const CefRecord r = parsed_cef(a);
  CHECK(r.name == "bad " + fffd + " title");
  CHECK(r.value("fname") == fffd + fffd + ".exe");
}

TEST_CASE("a 64 KiB description is cut to 1023 bytes ending in the marker") {
  Alert a;
  a.description = std::string(64 * 1024, 'x');
  const CefRecord r = parsed_cef(a);
  CHECK(r.value("msg") == std::string(1020, 'x') + ellipsis);
  CHECK(cef(a).size() < 1200);
}

TEST_CASE("a cut never splits a character") {
  Alert a;
  std::string emoji;
  for (int i = 0; i < 300; ++i) emoji += "\xF0\x9F\x94\xA5";
  a.description = "a" + emoji;
  // 1 + 254 * 4 = 1017 bytes fit with the 3-byte marker in 1023; a 255th character would not.
  std::string expected = "a";
  for (int i = 0; i < 254; ++i) expected += "\xF0\x9F\x94\xA5";
  CHECK(parsed_cef(a).value("msg") == expected + ellipsis);
}

TEST_CASE("the limit counts bytes before escaping") {
  Alert a;
  a.description = std::string(1023, '=');
  CHECK(parsed_cef(a).value("msg") == std::string(1023, '='));
  a.description += '=';
  CHECK(parsed_cef(a).value("msg") == std::string(1020, '=') + ellipsis);
}

TEST_CASE("the name is cut to 512 bytes and the signature id to 1023") {
  Alert a;
  a.title = std::string(600, '|');
  a.detector_id = std::string(2000, '\\');
  const CefRecord r = parsed_cef(a);
  CHECK(r.name == std::string(509, '|') + ellipsis);
  CHECK(r.signature_id == std::string(1020, '\\') + ellipsis);
}

TEST_CASE("externalId is cut to 40 bytes") {
  Alert a;
  a.id = std::string(41, '7');
  CHECK(parsed_cef(a).value("externalId") == std::string(37, '7') + ellipsis);
}

TEST_CASE("a MITRE list longer than its field is cut as one value") {
  Alert a;
  for (int i = 0; i < 500; ++i) a.mitre_techniques.push_back("T1059.001");
  std::string expected;
  while (expected.size() + 10 <= 3997) expected += (expected.empty() ? "" : ",") + "T1059.001"s;
  expected += ",T1059.0" + ellipsis;  // 399 items are 3989 bytes; 8 more reach 3997 and the marker fills 4000
  REQUIRE(expected.size() == 4000);
  CHECK(parsed_cef(a).value("cs2") == expected);
}

TEST_CASE("empty MITRE items are skipped and an all-empty list is omitted") {
  Alert a;
  a.mitre_techniques = {"", "T1059", "", "T1566"};
  CHECK(parsed_cef(a).value("cs2") == "T1059,T1566");
  a.mitre_techniques = {"", ""};
  CHECK_FALSE(parsed_cef(a).value("cs2"));
}

TEST_CASE("Swedish, CJK and emoji text comes back unchanged") {
  Alert a;
  a.title = "Misstänkt körning på värddatorn Överåsen 可疑文件 🔥";
  a.description = "Användaren åsa.öberg körde 東京のファイル. 🛡️";
  a.file_path = "C:\\Användare\\åsa\\東京";
  const CefRecord r = parsed_cef(a);
  CHECK(r.name == a.title);
  CHECK(r.value("msg") == a.description);
  CHECK(r.value("filePath") == a.file_path);
}
