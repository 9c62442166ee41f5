// Legacy SIEM API record JSON -> Alert: the documented example, the spellings the documentation uses, and
// tolerance of what real records do.
#include <doctest/doctest.h>

#include "apis/siem/siem_adapter.h"
#include "test_files.h"
#include "test_helpers.h"

using defender::Alert;
using defender::test::fields_of;
using defender::test::KeyValues;

namespace {

std::optional<Alert> adapt(std::string_view json) {
  return defender::test::adapt_json(defender::adapt_siem_record, json);
}

// A record with the given members after the two that place it.
std::optional<Alert> adapt_with(std::string_view members) {
  return adapt(R"({"AlertId":"x","LastProcessedTimeUtc":"2020-09-30T14:11:44.0779765Z",)" + std::string(members) + "}");
}

}  // namespace

// The Pull detections page's sample record (docs/microsoft-apis.md, "Documented examples").
TEST_CASE("the Pull detections page's documented record maps to exactly these fields") {
  const auto a = adapt(defender::test::read_file(defender::test::data_path("siem/example.json")));
  REQUIRE(a);
  const KeyValues expected{
      {"id", "da637370718981685665_16349121"},
      {"record_id", "da637370718981685665_16349121:R4xEdgAvDb2LQl3BgHoA3NYqKmRSiIAG7dpxAJCYZhY="},
      {"title", "Suspicious File Activity"},
      {"description", "Test Alert"},
      {"severity", "high"},
      {"severity_text", "High"},
      {"updated", "2020-09-30T14:11:44.0779765Z"},
      {"created", "2020-09-30T14:09:20.3574300Z"},
      {"category", "Malware"},
      {"service_source", "microsoftDefenderForEndpoint"},
      {"detection_source", "EDR"},
      {"detector_id", "b20af1d2-5990-4672-87f1-acc2a8ff7725"},
      {"incident_url",
       "https://security.microsoft.com/incidents/byalert?alertId=da637370718981685665_16349121&source=SIEM"},
      {"alert_url", "https://security.microsoft.com/alert/da637370718981685665_16349121"},
      {"host", "mymachine1.domain.com"},
      {"device_id", "deadbeef000040830ee54503926f556dcaf82bb0"},
      {"machine_domain", "domain.com"},
      {"file_name", "cmdParent.exe"},
      {"file_path", "C:\\WINDOWS\\SysWOW64\\boo3\\qwerty"},
      {"sha1", "aabbccddee1122334455aabbccddee1122334455"},
      {"md5", "854b85cbff2752fcb88606bca76f83c6"},
  };
  CHECK(fields_of(*a) == expected);
}

TEST_CASE("names match in any case, as the documentation spells them differently") {
  const auto a = adapt(R"({"alertid":"x","LASTPROCESSEDTIMEUTC":"2020-09-30T14:11:44Z","IPAddress":"218.90.204.141",
    "URL":"down.esales360.cn","ThreatFamilyName":"Mikatz","ioadefinitionid":"b20a"})");
  REQUIRE(a);
  CHECK(a->id == "x");
  CHECK(a->ip_address == "218.90.204.141");
  CHECK(a->url == "down.esales360.cn");
  CHECK(a->threat_family == "Mikatz");
  CHECK(a->detector_id == "b20a");
}

TEST_CASE("the 2017 sample's IoaDefinitiondId is the detector id") {
  const auto a = adapt_with(R"("IoaDefinitiondId":"7f1c")");
  REQUIRE(a);
  CHECK(a->detector_id == "7f1c");
}

TEST_CASE("timestamps without a zone are UTC") {
  const auto a = adapt(R"({"AlertId":"x","LastProcessedTimeUtc":"2017-05-07T01:56:58.9936648",
    "AlertTime":"2017-05-07T01:56:59.3191352"})");
  REQUIRE(a);
  CHECK(a->updated == *defender::parse_instant("2017-05-07T01:56:58.9936648Z"));
  CHECK(a->created == defender::parse_instant("2017-05-07T01:56:59.3191352Z"));
}

TEST_CASE("the host is the FQDN, else the machine name; an empty string is not given") {
  const auto fqdn = adapt_with(R"("ComputerDnsName":"desktop-4a5ngd6.contoso.com","MachineName":"desktop-4a5ngd6")");
  REQUIRE(fqdn);
  CHECK(fqdn->host == "desktop-4a5ngd6.contoso.com");
  const auto name = adapt_with(R"("ComputerDnsName":"","MachineName":"desktop-4a5ngd6")");
  REQUIRE(name);
  CHECK(name->host == "desktop-4a5ngd6");
}

TEST_CASE("links prefer the current portal, else the old one") {
  const auto old = adapt_with(R"("LinkToMTP":"","LinkToWDATP":"https://securitycenter.windows.com/alert/x",
    "IncidentLinkToWDATP":"https://securitycenter.windows.com/incidents/byalert?alertId=x")");
  REQUIRE(old);
  CHECK(old->alert_url == "https://securitycenter.windows.com/alert/x");
  CHECK(old->incident_url == "https://securitycenter.windows.com/incidents/byalert?alertId=x");
}

TEST_CASE("FileHash fills the hash its length names, when the record left that hash empty") {
  const std::string sha256 = "ebf54f745dc81e1958f75e4ca91dd0ab989fc9787bb6b0bf993e2f5e3e9a3f1e";
  const std::string sha1 = "3da065e07b990034e9db7842167f70b63aa53290";
  const std::string md5 = "db979c04a99b96d370988325bb5a8b21";
  CHECK(adapt_with(R"("FileHash":")" + sha256 + "\"")->sha256 == sha256);
  CHECK(adapt_with(R"("FileHash":")" + sha256 + "\"")->sha1.empty());
  CHECK(adapt_with(R"("FileHash":")" + sha1 + "\"")->sha1 == sha1);
  CHECK(adapt_with(R"("Md5":"","FileHash":")" + md5 + "\"")->md5 == md5);
  CHECK(adapt_with(R"("Sha1":"aa","FileHash":")" + sha1 + "\"")->sha1 == "aa");
  CHECK(adapt_with(R"("FileHash":"not-a-hash-but-forty-characters-long-xxx")")->sha1.empty());
}

TEST_CASE("RemediationIsSuccess and WasExecutingWhileDetected read booleans and TRUE/FALSE text") {
  const auto a = adapt_with(R"("RemediationIsSuccess":true,"WasExecutingWhileDetected":"FALSE")");
  REQUIRE(a);
  CHECK(a->remediation_succeeded == true);
  CHECK(a->was_executing_while_detected == false);
  const auto other = adapt_with(R"("RemediationIsSuccess":"maybe","WasExecutingWhileDetected":1)");
  REQUIRE(other);
  CHECK_FALSE(other->remediation_succeeded);
  CHECK_FALSE(other->was_executing_while_detected);
}

TEST_CASE("a record without a string AlertId or a valid LastProcessedTimeUtc cannot be placed") {
  CHECK_FALSE(adapt(R"({"LastProcessedTimeUtc":"2020-09-30T14:11:44Z"})"));
  CHECK_FALSE(adapt(R"({"AlertId":"x","AlertTime":"2020-09-30T14:11:44Z"})"));
  CHECK_FALSE(adapt(R"({"AlertId":"x","LastProcessedTimeUtc":""})"));
  CHECK_FALSE(adapt(R"({"AlertId":"","LastProcessedTimeUtc":"2020-09-30T14:11:44Z"})"));
  CHECK_FALSE(adapt(R"({"AlertId":636210704265059241,"LastProcessedTimeUtc":"2020-09-30T14:11:44Z"})"));
  CHECK_FALSE(adapt(R"([{"AlertId":"x","LastProcessedTimeUtc":"2020-09-30T14:11:44Z"}])"));
}

TEST_CASE("nulls, as the 2017 sample writes absent values, read as not given") {
  const auto a = adapt_with(R"("AlertTitle":null,"Severity":null,"ComputerDnsName":null,"MachineName":null,
    "AlertTime":null,"FileHash":null,"RemediationIsSuccess":null,"FullId":null)");
  REQUIRE(a);
  CHECK(fields_of(*a) == KeyValues{{"id", "x"},
                                   {"severity", "unknown"},
                                   {"updated", "2020-09-30T14:11:44.0779765Z"},
                                   {"service_source", "microsoftDefenderForEndpoint"}});
}

TEST_CASE("unexpected types and unknown enums are not given or kept as written, and the record still maps") {
  const auto a = adapt_with(R"("AlertTitle":["x"],"Severity":"Critical","ReportID":1053729833,"AlertPart":{"a":0},
    "Category":42,"brandNewField":{"nested":true})");
  REQUIRE(a);
  CHECK(fields_of(*a) == KeyValues{{"id", "x"},
                                   {"severity", "unknown"},
                                   {"severity_text", "Critical"},
                                   {"updated", "2020-09-30T14:11:44.0779765Z"},
                                   {"category", "42"},
                                   {"service_source", "microsoftDefenderForEndpoint"}});
}
