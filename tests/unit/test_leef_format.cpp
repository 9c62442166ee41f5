// LEEF 1.0 and 2.0: header, delimiter, the fixed keys externalId and lastUpdated and the mapping of leef_mapping.h,
// read back through the tests' LEEF parser.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "expected_records.h"
#include "format.h"
#include "leef_format.h"
#include "leef_parser.h"
#include "test_helpers.h"

using namespace std::string_literals;
using defender::Alert;
using defender::Format;
using defender::Severity;
using defender::test::fixture;
using defender::test::KeyValues;
using defender::test::LeefRecord;

namespace {

std::string leef(const Alert &alert, Format format = Format::leef, char delimiter = '^') {
  std::string out;
  defender::format_alert(alert, {format, delimiter}, out);
  return out;
}

LeefRecord parsed(const std::string &line) {
  auto result = defender::test::parse_leef(line);
  REQUIRE_MESSAGE(result.record.has_value(), result.error, " in ", line);
  return *result.record;
}

LeefRecord parsed_leef1(const Alert &alert) { return parsed(leef(alert)); }

}  // namespace

TEST_CASE("the LEEF 1.0 header names Microsoft, the product, the module version and the detector") {
  const std::string line = leef(fixture("graph_example.json"));
  CHECK(line.starts_with("LEEF:1.0|Microsoft|Microsoft Defender for Endpoint|" DEFENDER_VERSION
                         "|e0da400f-affd-43ef-b1d5-afc2eb6f2756|externalId=da637551227677560813_-961444813\t"));
}

TEST_CASE("the Graph example's attributes carry every mapped field under its key, in table order") {
  const KeyValues expected{
      {"externalId", "da637551227677560813_-961444813"},
      {"devTime", "1619525967721"},
      {"lastUpdated", "1619965141326"},
      {"cat", "DefenseEvasion"},
      {"sev", "3"},
      {"severityText", "low"},
      {"title", "Suspicious execution of hidden file"},
      {"firstActivity", "1619423150116"},
      {"lastActivity", "1619942218222"},
      {"status", "new"},
      {"classification", "unknown"},
      {"determination", "unknown"},
      {"serviceSource", "microsoftDefenderForEndpoint"},
      {"detectionSource", "antivirus"},
      {"detectorId", "e0da400f-affd-43ef-b1d5-afc2eb6f2756"},
      {"providerAlertId", "da637551227677560813_-961444813"},
      {"mitreTechniques", "T1564.001"},
      {"incidentId", "28282"},
      {"incidentUrl", "https://security.microsoft.com/incidents/28282?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"},
      {"alertUrl",
       "https://security.microsoft.com/alerts/"
       "da637551227677560813_-961444813?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"},
      {"tenantId", "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"},
      {"identHostName", "tempDns"},
      {"deviceId", "73e7e2de709dff64ef64b1d0c30e67fab63279db"},
      {"machineGroup", "UnassignedGroup"},
      {"usrName", "SYSTEM"},
      {"userDomain", "NT AUTHORITY"},
      {"fileName", "MsSense.exe"},
      {"filePath", "C:\\Program Files\\temp"},
      {"sha1", "5f1e8acedc065031aad553b710838eb366cfee9a"},
      {"sha256", "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec"},
      {"description", "A hidden file has been launched. This activity could indicate a compromised host. ..."},
      {"commandLine", "\"MsSense.exe\""},
      {"recommendedActions", "Collect artifacts and determine scope ..."},
  };
  CHECK(parsed_leef1(fixture("graph_example.json")).attributes == expected);
}

TEST_CASE("LEEF 2.0 writes the delimiter field and separates attributes with it") {
  Alert a;
  a.id = "x";
  CHECK(leef(a, Format::leef2) == "LEEF:2.0|Microsoft|Microsoft Defender XDR|" DEFENDER_VERSION
                                  "|alert|^|externalId=x^lastUpdated=0");
  CHECK(leef(a, Format::leef2, '#') == "LEEF:2.0|Microsoft|Microsoft Defender XDR|" DEFENDER_VERSION
                                       "|alert|#|externalId=x#lastUpdated=0");
}

TEST_CASE("LEEF 2.0 writes TAB and other control delimiters as x and two hex digits") {
  Alert a;
  a.id = "x";
  CHECK(leef(a, Format::leef2, '\t').find("|alert|x09|externalId=x\tlastUpdated=0") != std::string::npos);
  CHECK(leef(a, Format::leef2, '\x1f').find("|alert|x1F|externalId=x\x1flastUpdated=0") != std::string::npos);
  CHECK(leef(a, Format::leef2, '\x7f').find("|alert|x7F|") != std::string::npos);
  CHECK(parsed(leef(a, Format::leef2, '\t')).delimiter == "\t");
}

TEST_CASE("a delimiter that would break the line is replaced by the default caret") {
  Alert a;
  a.id = "x";
  for (char bad : {'a', 'Z', '7', '=', '|', ' ', '\0', '\r', '\n', '\xC3'}) {
    CAPTURE(static_cast<int>(bad));
    CHECK_FALSE(defender::is_valid_leef_delimiter(bad));
    CHECK(leef(a, Format::leef2, bad).find("|alert|^|externalId=x^lastUpdated=0") != std::string::npos);
  }
  for (char good : {'^', '\t', '#', ';', ',', '~', '\\', '"', '\x01', '\x7f'}) {
    CAPTURE(static_cast<int>(good));
    CHECK(defender::is_valid_leef_delimiter(good));
  }
}

TEST_CASE("severity maps to sev 1, 3, 5 and 8, and an unknown severity writes no sev") {
  const std::vector<std::pair<Severity, std::optional<std::string>>> cases{{Severity::unknown, std::nullopt},
                                                                           {Severity::informational, "1"},
                                                                           {Severity::low, "3"},
                                                                           {Severity::medium, "5"},
                                                                           {Severity::high, "8"}};
  for (const auto &[severity, sev] : cases) {
    Alert a;
    a.severity = severity;
    CHECK(parsed_leef1(a).value("sev") == sev);
  }
}

TEST_CASE("times are epoch milliseconds: lastUpdated the update, devTime the creation") {
  Alert a;
  a.updated = *defender::parse_instant("2021-05-02T14:19:01.3266667Z");
  a.created = defender::parse_instant("1969-12-31T23:59:59.9999999Z");
  const LeefRecord r = parsed_leef1(a);
  CHECK(r.value("lastUpdated") == "1619965141326");
  CHECK(r.value("devTime") == "-1");
}

TEST_CASE("the delimiter, CR and LF in a value become spaces, so no value can forge an attribute") {
  Alert a;
  a.command_line = "cmd /c x\tsev=10\r\nLEEF:1.0|Evil|P|1|E|src=6.6.6.6^usrName=root";
  CHECK(parsed_leef1(a).value("commandLine") == "cmd /c x sev=10  LEEF:1.0|Evil|P|1|E|src=6.6.6.6^usrName=root");
  const LeefRecord r2 = parsed(leef(a, Format::leef2));
  CHECK(r2.value("commandLine") == "cmd /c x sev=10  LEEF:1.0|Evil|P|1|E|src=6.6.6.6 usrName=root");
  CHECK_FALSE(r2.value("usrName"));
  CHECK_FALSE(r2.value("sev"));
}

TEST_CASE("'=', '|' and backslashes in values are kept as they are") {
  Alert a;
  a.file_path = "C:\\Temp\\a=b|c";
  CHECK(parsed_leef1(a).value("filePath") == "C:\\Temp\\a=b|c");
}

TEST_CASE("NUL and other controls become spaces and invalid UTF-8 becomes U+FFFD") {
  Alert a;
  a.file_name = "evil\0.exe\x7f\xC2\x85\xC3"s;
  CHECK(parsed_leef1(a).value("fileName") == "evil .exe  \xEF\xBF\xBD");
}

TEST_CASE("'|', CR, LF and the delimiter in a header field become spaces") {
  Alert a;
  a.detector_id = "det|ector\r\nid^x";
  CHECK(parsed(leef(a, Format::leef2)).event_id == "det ector  id x");
}

TEST_CASE("an event id that is blank once written gives way to the category, then to alert") {
  Alert a;
  a.detector_id = "|^ \r\n";  // '|', the delimiter '^', CR and LF all become spaces in a LEEF 2.0 header
  a.category = "Malware";
  CHECK(parsed(leef(a, Format::leef2)).event_id == "Malware");
  a.category = "\t\xE3\x80\x80";  // TAB and the ideographic space
  CHECK(parsed(leef(a, Format::leef2)).event_id == "alert");
}

TEST_CASE("whether an event id is blank is judged as written: '^' is text where it is not the delimiter") {
  Alert a;
  a.detector_id = "|^ \r\n";
  CHECK(parsed_leef1(a).event_id == " ^   ");
}

TEST_CASE("values are held to their limits on a character boundary, ending in U+2026") {
  Alert a;
  a.user_name = std::string(254, 'u') + "\xC3\xA5";  // 256 bytes
  a.title = std::string(600, 't');
  a.id = std::string(300, 'i');
  const LeefRecord r = parsed_leef1(a);
  CHECK(r.value("usrName") == std::string(252, 'u') + "\xE2\x80\xA6");
  CHECK(r.value("title") == std::string(509, 't') + "\xE2\x80\xA6");
  CHECK(r.value("externalId") == std::string(252, 'i') + "\xE2\x80\xA6");
}

TEST_CASE("the event id is held to LEEF's 255 characters") {
  Alert a;
  a.detector_id = std::string(300, 'd');
  CHECK(parsed_leef1(a).event_id == std::string(252, 'd') + "\xE2\x80\xA6");
}

TEST_CASE("yes-or-no fields are true or false") {
  Alert a;
  a.remediation_succeeded = true;
  a.was_executing_while_detected = false;
  const LeefRecord r = parsed_leef1(a);
  CHECK(r.value("remediationSucceeded") == "true");
  CHECK(r.value("wasExecutingWhileDetected") == "false");
}

TEST_CASE("an empty alert has the default header and only its update time") {
  const LeefRecord r = parsed_leef1(Alert{});
  CHECK(r.product == "Microsoft Defender XDR");
  CHECK(r.event_id == "alert");
  CHECK(r.attributes == KeyValues{{"lastUpdated", "0"}});
}

TEST_CASE("the hostile and international fixtures re-parse to exactly the mapped values, in every LEEF form") {
  for (const char *name : {"hostile.json", "international.json", "graph_example.json", "empty.json"}) {
    CAPTURE(name);
    const Alert a = fixture(name);
    CHECK(parsed(leef(a)) == defender::test::expected_leef1(a));
    for (char delimiter : {'^', '\t', '#', '\x01'})
      CHECK(parsed(leef(a, Format::leef2, delimiter)) == defender::test::expected_leef2(a, delimiter));
  }
}
