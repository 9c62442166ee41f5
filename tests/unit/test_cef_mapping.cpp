// The CEF mapping: header fields, and which key carries which alert field (cef_mapping.h), read back through the
// tests' CEF parser.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "cef_mapping.h"
#include "cef_parser.h"
#include "event_identity.h"
#include "format.h"
#include "test_helpers.h"

using defender::Alert;
using defender::Severity;
using defender::test::CefRecord;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

CefRecord parsed_cef(const Alert &alert) {
  std::string out;
  defender::format_alert(alert, {}, out);
  auto parsed = defender::test::parse_cef(out);
  REQUIRE_MESSAGE(parsed.record.has_value(), parsed.error, " in ", out);
  return *parsed.record;
}

Alert graph_example() { return defender::test::fixture("graph_example.json"); }

}  // namespace

TEST_CASE("the Graph example's header names Microsoft, the product, the module version and the detector") {
  const CefRecord r = parsed_cef(graph_example());
  CHECK(r.version == "0");
  CHECK(r.vendor == "Microsoft");
  CHECK(r.product == "Microsoft Defender for Endpoint");
  CHECK(r.device_version == DEFENDER_VERSION);
  CHECK(r.signature_id == "e0da400f-affd-43ef-b1d5-afc2eb6f2756");
  CHECK(r.name == "Suspicious execution of hidden file");
  CHECK(r.severity == "3");
}

TEST_CASE("the Graph example's extension carries every mapped field under its key, in table order") {
  const Pairs expected{
      {"externalId", "da637551227677560813_-961444813"},
      {"rt", "1619525967721"},
      {"start", "1619423150116"},
      {"end", "1619942218222"},
      {"cat", "DefenseEvasion"},
      {"msg", "A hidden file has been launched. This activity could indicate a compromised host. ..."},
      {"sourceServiceName", "antivirus"},
      {"shost", "tempDns"},
      {"deviceExternalId", "73e7e2de709dff64ef64b1d0c30e67fab63279db"},
      {"sntdom", "NT AUTHORITY"},
      {"suser", "SYSTEM"},
      {"fname", "MsSense.exe"},
      {"filePath", "C:\\Program Files\\temp"},
      {"fileHash", "5f1e8acedc065031aad553b710838eb366cfee9a"},
      {"cs6", "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec"},
      {"cs6Label", "Sha256"},
      {"flexString1",
       "https://security.microsoft.com/alerts/"
       "da637551227677560813_-961444813?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"},
      {"flexString1Label", "LinkToWDATP"},
      {"cs2", "T1564.001"},
      {"cs2Label", "MitreTechniques"},
      {"cs3", "28282"},
      {"cs3Label", "IncidentId"},
      {"MicrosoftDefenderIncidentUrl",
       "https://security.microsoft.com/incidents/28282?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"},
      {"MicrosoftDefenderStatus", "new"},
      {"MicrosoftDefenderClassification", "unknown"},
      {"MicrosoftDefenderDetermination", "unknown"},
      {"MicrosoftDefenderSeverity", "low"},
      {"MicrosoftDefenderServiceSource", "microsoftDefenderForEndpoint"},
      {"MicrosoftDefenderTenantId", "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"},
      {"MicrosoftDefenderProviderAlertId", "da637551227677560813_-961444813"},
      {"MicrosoftDefenderMachineGroup", "UnassignedGroup"},
      {"MicrosoftDefenderCommandLine", "\"MsSense.exe\""},
      {"MicrosoftDefenderRecommendedActions", "Collect artifacts and determine scope ..."},
      {"deviceCustomDate1", "1619965141326"},
      {"deviceCustomDate1Label", "lastUpdated"},
  };
  CHECK(parsed_cef(graph_example()).extension == expected);
}

TEST_CASE("the fields Graph leaves empty in the example map to their SIEM-API keys when set") {
  Alert a;
  a.md5 = "854b85cbff2752fcb88606bca76f83c6";
  a.threat_name = "HackTool:Win32/Mikatz!dha";
  a.actor = "BORON";
  a.ip_address = "218.90.204.141";
  a.url = "down.esales360.cn";
  a.logged_on_users = "contoso\\liz-bean; contoso\\jay-hardee";
  a.resolved = defender::parse_instant("2021-05-03T00:00:00.001Z");
  a.assigned_to = "secop@contoso.com";
  a.threat_family = "Mikatz";
  a.user_principal_name = "liz.bean@contoso.com";
  a.severity_text = "unknown";
  const Pairs expected{
      {"suid", "contoso\\liz-bean; contoso\\jay-hardee"},
      {"cs5", "854b85cbff2752fcb88606bca76f83c6"},
      {"cs5Label", "Md5"},
      {"cs1", "HackTool:Win32/Mikatz!dha"},
      {"cs1Label", "ThreatName"},
      {"cs4", "BORON"},
      {"cs4Label", "Actor"},
      {"src", "218.90.204.141"},
      {"request", "down.esales360.cn"},
      {"deviceCustomDate2", "1620000000001"},
      {"deviceCustomDate2Label", "resolvedTime"},
      {"MicrosoftDefenderAssignedTo", "secop@contoso.com"},
      {"MicrosoftDefenderSeverity", "unknown"},
      {"MicrosoftDefenderThreatFamily", "Mikatz"},
      {"MicrosoftDefenderUserPrincipalName", "liz.bean@contoso.com"},
      {"deviceCustomDate1", "0"},
      {"deviceCustomDate1Label", "lastUpdated"},
  };
  CHECK(parsed_cef(a).extension == expected);
}

TEST_CASE("an empty alert has the default header and only its update time") {
  const CefRecord r = parsed_cef(Alert{});
  CHECK(r.product == "Microsoft Defender XDR");
  CHECK(r.signature_id == "alert");
  CHECK(r.name == "Microsoft Defender alert");
  CHECK(r.severity == "0");
  CHECK(r.extension == Pairs{{"deviceCustomDate1", "0"}, {"deviceCustomDate1Label", "lastUpdated"}});
}

TEST_CASE("severity maps to 0, 1, 3, 5 and 8") {
  const std::vector<std::pair<Severity, std::string>> cases{{Severity::unknown, "0"},
                                                            {Severity::informational, "1"},
                                                            {Severity::low, "3"},
                                                            {Severity::medium, "5"},
                                                            {Severity::high, "8"}};
  for (const auto &[severity, digit] : cases) {
    Alert a;
    a.severity = severity;
    CHECK(parsed_cef(a).severity == digit);
  }
}

TEST_CASE("the signature id is the detector id, else the category, else alert") {
  Alert a;
  a.detector_id = "b20af1d2-5990-4672-87f1-acc2a8ff7725";
  a.category = "Malware";
  CHECK(parsed_cef(a).signature_id == "b20af1d2-5990-4672-87f1-acc2a8ff7725");
  a.detector_id.clear();
  CHECK(parsed_cef(a).signature_id == "Malware");
  a.category.clear();
  CHECK(parsed_cef(a).signature_id == "alert");
}

TEST_CASE("a detector id or category that is blank once written gives way to the next choice") {
  Alert a;
  // A space, TAB, CR, LF, SOH, NEL and U+2028: each a space in the header.
  a.detector_id = " \t\r\n\x01\xC2\x85\xE2\x80\xA8";
  a.category = "\xC2\xA0\xE3\x80\x80\xE2\x80\x83";  // NBSP, ideographic space, em space
  CHECK(parsed_cef(a).signature_id == "alert");
  a.category = " Malware ";
  CHECK(parsed_cef(a).signature_id == " Malware ");
}

TEST_CASE("the name is the title, else the category, else Microsoft Defender alert") {
  Alert a;
  a.title = "Suspicious PowerShell";
  a.category = "Execution";
  CHECK(parsed_cef(a).name == "Suspicious PowerShell");
  a.title = " \r\n\t";
  CHECK(parsed_cef(a).name == "Execution");
  a.category.clear();
  CHECK(parsed_cef(a).name == "Microsoft Defender alert");
}

TEST_CASE("a title that is text escaped in the header is not blank") {
  Alert a;
  a.title = "|";
  CHECK(parsed_cef(a).name == "|");
}

TEST_CASE("the product follows the service source") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"microsoftDefenderForEndpoint", "Microsoft Defender for Endpoint"},
      {"microsoftDefenderForIdentity", "Microsoft Defender for Identity"},
      {"microsoftDefenderForOffice365", "Microsoft Defender for Office 365"},
      {"microsoftDefenderForCloudApps", "Microsoft Defender for Cloud Apps"},
      {"microsoftDefenderForCloud", "Microsoft Defender for Cloud"},
      {"microsoft365Defender", "Microsoft Defender XDR"},
      {"azureAdIdentityProtection", "Microsoft Entra ID Protection"},
      {"dataLossPrevention", "Microsoft Purview DLP"},
      {"microsoftAppGovernance", "Microsoft Defender for Cloud Apps App Governance"},
  };
  for (const auto &[source, product] : cases) CHECK(defender::product_name(source) == product);
}

TEST_CASE("the product ignores the case of the service source") {
  CHECK(defender::product_name("MicrosoftDefenderForIdentity") == "Microsoft Defender for Identity");
}

TEST_CASE("an unknown or empty service source names Microsoft Defender XDR") {
  CHECK(defender::product_name("") == "Microsoft Defender XDR");
  CHECK(defender::product_name("unknownFutureValue") == "Microsoft Defender XDR");
  CHECK(defender::product_name("microsoftDefenderForEndpointX") == "Microsoft Defender XDR");
}

TEST_CASE("the table leaves numbers, and only numbers, uncut: times and yes-or-no fields") {
  const Alert alert;
  for (const defender::CefKey &key : defender::cef_extension_keys) {
    CAPTURE(key.key);
    const auto value = defender::field_value(alert, key.source);
    const bool is_number = std::holds_alternative<std::optional<defender::Instant>>(value) ||
                           std::holds_alternative<std::optional<bool>>(value);
    CHECK(is_number == (key.limit == defender::cef_uncut));
  }
}

TEST_CASE("yes-or-no fields are 1 or 0 under Microsoft's cn1 and cn2 labels") {
  Alert a;
  a.was_executing_while_detected = false;
  a.remediation_succeeded = true;
  const CefRecord r = parsed_cef(a);
  CHECK(r.value("cn1") == "0");
  CHECK(r.value("cn1Label") == "WasExecutingWhileDetected");
  CHECK(r.value("cn2") == "1");
  CHECK(r.value("cn2Label") == "RemediationIsSuccess");
}
