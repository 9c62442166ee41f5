// Defender for Endpoint Alerts API JSON -> Alert: the documented example, the evidence rules, and tolerance of
// what real responses do.
#include <doctest/doctest.h>

#include "apis/mde/mde_adapter.h"
#include "test_files.h"
#include "test_helpers.h"

using defender::Alert;
using defender::Severity;
using defender::test::fields_of;
using defender::test::KeyValues;

namespace {

std::optional<Alert> adapt(std::string_view json) {
  return defender::test::adapt_json(defender::adapt_mde_alert, json);
}

// An alert with the given members after the two that place it.
std::optional<Alert> adapt_with(std::string_view members) {
  return adapt(R"({"id":"x","lastUpdateTime":"2021-01-26T20:33:59.2Z",)" + std::string(members) + "}");
}

}  // namespace

// The List alerts API page's example (docs/microsoft-apis.md, "Documented examples").
TEST_CASE("the List alerts API's documented alert maps to exactly these fields") {
  const auto a = adapt(defender::test::read_file(defender::test::data_path("alerts/example.json")));
  REQUIRE(a);
  const KeyValues expected{
      {"id", "da637472900382838869_1364969609"},
      {"title", "Low-reputation arbitrary code executed by signed executable"},
      {"description", "Binaries signed by Microsoft can be used to run low-reputation arbitrary code. ..."},
      {"severity", "low"},
      {"severity_text", "Low"},
      {"updated", "2021-01-26T20:33:59.2000000Z"},
      {"created", "2021-01-26T20:33:57.7220239Z"},
      {"first_activity", "2021-01-26T20:31:32.9562661Z"},
      {"last_activity", "2021-01-26T20:31:33.0577322Z"},
      {"category", "Execution"},
      {"status", "New"},
      {"service_source", "microsoftDefenderForEndpoint"},
      {"detection_source", "WindowsDefenderAtp"},
      {"detector_id", "17e10bbc-3a68-474a-8aad-faef14d43952"},
      {"mitre_techniques", "T1064,T1085,T1220"},
      {"incident_id", "1126093"},
      {"tenant_id", "a839b112-1253-6432-9bf6-94542403f21c"},
      {"host", "temp123.middleeast.corp.microsoft.com"},
      {"device_id", "111e6dd8c833c8a052ea231ec1b19adaf497b625"},
      {"machine_group", "A"},
      {"user_name", "name"},
      {"user_domain", "DOMAIN"},
      {"user_principal_name", "temp123@microsoft.com"},
      {"file_name", "rundll32.exe"},
      {"file_path", "C:\\Windows\\SysWOW64"},
      {"sha1", "ff836cfb1af40252bd2a2ea843032e99a5b262ed"},
      {"sha256", "a4752c71d81afd3d5865d24ddb11a6b0c615062fcc448d24050c2172d2cbccd6"},
      {"command_line", "rundll32.exe  c:\\temp\\suspicious.dll,RepeatAfterMe"},
  };
  CHECK(fields_of(*a) == expected);
}

TEST_CASE("the PascalCase severities map to the normalized ones, UnSpecified to unknown") {
  const std::vector<std::pair<std::string, Severity>> cases{{"UnSpecified", Severity::unknown},
                                                            {"Informational", Severity::informational},
                                                            {"Low", Severity::low},
                                                            {"Medium", Severity::medium},
                                                            {"High", Severity::high}};
  for (const auto &[name, severity] : cases) {
    const auto a = adapt_with(R"("severity":")" + name + "\"");
    REQUIRE(a);
    CHECK(a->severity == severity);
    CHECK(a->severity_text == name);
  }
}

TEST_CASE("user evidence wins over the related user, which wins over a process's account") {
  const auto all = adapt_with(R"("relatedUser":{"userName":"related","domainName":"R"},"evidence":[
    {"entityType":"Process","accountName":"SYSTEM","domainName":"NT AUTHORITY"},
    {"entityType":"User","accountName":"liz","domainName":"CONTOSO","userPrincipalName":"liz@contoso.com"}])");
  REQUIRE(all);
  CHECK(all->user_name == "liz");
  CHECK(all->user_domain == "CONTOSO");
  CHECK(all->user_principal_name == "liz@contoso.com");

  const auto related = adapt_with(R"("relatedUser":{"userName":"related","domainName":"R"},"evidence":[
    {"entityType":"Process","accountName":"SYSTEM","domainName":"NT AUTHORITY"}])");
  REQUIRE(related);
  CHECK(related->user_name == "related");
  CHECK(related->user_domain == "R");
  CHECK(related->user_principal_name.empty());

  const auto process =
      adapt_with(R"("evidence":[{"entityType":"Process","accountName":"SYSTEM","domainName":"NT AUTHORITY"}])");
  REQUIRE(process);
  CHECK(process->user_name == "SYSTEM");
  CHECK(process->user_domain == "NT AUTHORITY");
}

TEST_CASE("a related user written as a string is the user name") {
  const auto a = adapt_with(R"("relatedUser":"CONTOSO\\liz")");
  REQUIRE(a);
  CHECK(a->user_name == "CONTOSO\\liz");
  CHECK(a->user_domain.empty());
}

TEST_CASE("file evidence wins over a process image; the first process gives the command line") {
  const auto a = adapt_with(R"("evidence":[
    {"entityType":"Process","fileName":"proc.exe","filePath":"C:\\p","sha1":"p1","processCommandLine":"proc.exe -x"},
    {"entityType":"Process","processCommandLine":"second.exe"},
    {"entityType":"File","fileName":"dropped.dll","filePath":"C:\\d","sha1":"d1","sha256":"d256"}])");
  REQUIRE(a);
  CHECK(a->file_name == "dropped.dll");
  CHECK(a->file_path == "C:\\d");
  CHECK(a->sha1 == "d1");
  CHECK(a->sha256 == "d256");
  CHECK(a->command_line == "proc.exe -x");
}

TEST_CASE("the first ip and url evidence give the address and the url, whatever the case of entityType") {
  const auto a = adapt_with(R"("evidence":[{"entityType":"Ip","ipAddress":null},
    {"entityType":"IP","ipAddress":"203.0.113.7"},
    {"entityType":"Ip","ipAddress":"203.0.113.8"},{"entityType":"url","url":"http://evil.example/x"},
    {"entityType":"MailBox","url":"http://not.this"},{"entityType":"Registry","registryKey":"HKLM"}])");
  REQUIRE(a);
  CHECK(a->ip_address == "203.0.113.7");
  CHECK(a->url == "http://evil.example/x");
}

TEST_CASE("mitreTechniques written as a string, as documented, is one technique") {
  const auto a = adapt_with(R"("mitreTechniques":"T1064")");
  REQUIRE(a);
  CHECK(a->mitre_techniques == std::vector<std::string>{"T1064"});
}

TEST_CASE("an alert without a string id or a valid lastUpdateTime cannot be placed") {
  CHECK_FALSE(adapt(R"({"lastUpdateTime":"2021-01-26T20:33:59.2Z"})"));
  CHECK_FALSE(adapt(R"({"id":"x"})"));
  CHECK_FALSE(adapt(R"({"id":"x","lastUpdateTime":null})"));
  CHECK_FALSE(adapt(R"({"id":"x","lastUpdateDateTime":"2021-01-26T20:33:59.2Z"})"));
  CHECK_FALSE(adapt(R"({"id":"","lastUpdateTime":"2021-01-26T20:33:59.2Z"})"));
  CHECK_FALSE(adapt(R"({"id":1126093,"lastUpdateTime":"2021-01-26T20:33:59.2Z"})"));
  CHECK_FALSE(adapt(R"("an alert")"));
}

TEST_CASE("nulls everywhere read as not given") {
  const auto a = adapt_with(R"("title":null,"severity":null,"incidentId":null,"alertCreationTime":null,
    "relatedUser":null,"mitreTechniques":null,"evidence":null,"computerDnsName":null)");
  REQUIRE(a);
  CHECK(fields_of(*a) == KeyValues{{"id", "x"},
                                   {"severity", "unknown"},
                                   {"updated", "2021-01-26T20:33:59.2000000Z"},
                                   {"service_source", "microsoftDefenderForEndpoint"}});
}

TEST_CASE("unexpected types and unknown enums are not given or kept as written, and the alert still maps") {
  const auto a = adapt_with(R"("title":{"nested":1},"severity":"Catastrophic","status":"Escalated",
    "incidentId":18446744073709551615,"alertCreationTime":20210126,"relatedUser":[1],
    "evidence":[7,"User",{"entityType":{"x":1},"accountName":"nobody"},{"accountName":"untyped"}],
    "brandNewField":true)");
  REQUIRE(a);
  CHECK(fields_of(*a) == KeyValues{{"id", "x"},
                                   {"severity", "unknown"},
                                   {"severity_text", "Catastrophic"},
                                   {"updated", "2021-01-26T20:33:59.2000000Z"},
                                   {"status", "Escalated"},
                                   {"service_source", "microsoftDefenderForEndpoint"},
                                   {"incident_id", "18446744073709551615"}});
}
