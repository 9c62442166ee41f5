// Graph alerts_v2 JSON -> Alert: the documented example, and tolerance of what real responses do.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "apis/graph/graph_adapter.h"

using namespace defender;

namespace {

std::optional<Alert> adapt(const char *json) {
  rapidjson::Document doc;
  doc.Parse(json);
  REQUIRE_FALSE(doc.HasParseError());
  return adapt_graph_alert(doc);
}

// Trimmed from Microsoft's List alerts_v2 example (docs/microsoft-apis.md, "Documented examples").
constexpr const char *documented = R"({
  "@odata.type": "#microsoft.graph.security.alert",
  "id": "da637551227677560813_-961444813",
  "providerAlertId": "da637551227677560813_-961444813",
  "incidentId": "28282", "status": "new", "severity": "low", "classification": "unknown", "determination": "unknown",
  "serviceSource": "microsoftDefenderForEndpoint", "detectionSource": "antivirus",
  "detectorId": "e0da400f-affd-43ef-b1d5-afc2eb6f2756", "tenantId": "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c",
  "title": "Suspicious execution of hidden file", "description": "A hidden file has been launched.",
  "recommendedActions": "Collect artifacts", "category": "DefenseEvasion", "assignedTo": null,
  "alertWebUrl": "https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=b3c1",
  "incidentWebUrl": "https://security.microsoft.com/incidents/28282?tid=b3c1",
  "actorDisplayName": null, "threatDisplayName": null, "threatFamilyName": null, "mitreTechniques": ["T1564.001"],
  "createdDateTime": "2021-04-27T12:19:27.7211305Z", "lastUpdateDateTime": "2021-05-02T14:19:01.3266667Z",
  "resolvedDateTime": null, "firstActivityDateTime": "2021-04-26T07:45:50.116Z",
  "lastActivityDateTime": "2021-05-02T07:56:58.222Z", "comments": [],
  "evidence": [
    {"@odata.type": "#microsoft.graph.security.deviceEvidence", "mdeDeviceId": "73e7e2de709dff64ef64b1d0c30e67fab63279db",
     "deviceDnsName": "tempDns", "rbacGroupName": "UnassignedGroup",
     "loggedOnUsers": [{"accountName": "liz", "domainName": "CONTOSO"}]},
    {"@odata.type": "#microsoft.graph.security.processEvidence", "processCommandLine": "\"MsSense.exe\"",
     "imageFile": {"sha1": "5f1e8acedc065031aad553b710838eb366cfee9a",
                   "sha256": "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec",
                   "fileName": "MsSense.exe", "filePath": "C:\\Program Files\\temp"},
     "userAccount": {"accountName": "SYSTEM", "domainName": "NT AUTHORITY", "userSid": "S-1-5-18"}}
  ],
  "systemTags": ["Defender Experts"]
})";

}  // namespace

TEST_CASE("the documented alert maps to every normalized field") {
  const auto a = adapt(documented);
  REQUIRE(a);
  CHECK(a->id == "da637551227677560813_-961444813");
  CHECK(a->updated == *parse_instant("2021-05-02T14:19:01.3266667Z"));
  CHECK(a->created == parse_instant("2021-04-27T12:19:27.7211305Z"));
  CHECK(a->first_activity == parse_instant("2021-04-26T07:45:50.116Z"));
  CHECK(a->last_activity == parse_instant("2021-05-02T07:56:58.222Z"));
  CHECK_FALSE(a->resolved);
  CHECK(a->title == "Suspicious execution of hidden file");
  CHECK(a->description == "A hidden file has been launched.");
  CHECK(a->category == "DefenseEvasion");
  CHECK(a->severity == Severity::low);
  CHECK(a->severity_text == "low");
  CHECK(a->status == "new");
  CHECK(a->classification == "unknown");
  CHECK(a->determination == "unknown");
  CHECK(a->service_source == "microsoftDefenderForEndpoint");
  CHECK(a->detection_source == "antivirus");
  CHECK(a->detector_id == "e0da400f-affd-43ef-b1d5-afc2eb6f2756");
  CHECK(a->incident_id == "28282");
  CHECK(a->incident_url == "https://security.microsoft.com/incidents/28282?tid=b3c1");
  CHECK(a->alert_url == "https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=b3c1");
  CHECK(a->tenant_id == "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c");
  CHECK(a->mitre_techniques == std::vector<std::string>{"T1564.001"});
  CHECK(a->assigned_to.empty());
  CHECK(a->host == "tempDns");
  CHECK(a->device_id == "73e7e2de709dff64ef64b1d0c30e67fab63279db");
  CHECK(a->machine_group == "UnassignedGroup");
  CHECK(a->logged_on_users == "CONTOSO\\liz");
  CHECK(a->file_name == "MsSense.exe");
  CHECK(a->file_path == "C:\\Program Files\\temp");
  CHECK(a->sha1 == "5f1e8acedc065031aad553b710838eb366cfee9a");
  CHECK(a->sha256 == "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec");
  CHECK(a->command_line == "\"MsSense.exe\"");
  CHECK(a->user_name == "SYSTEM");
  CHECK(a->user_domain == "NT AUTHORITY");
}

TEST_CASE("file evidence wins over a process image for the file fields") {
  const auto a = adapt(R"({"id":"x","lastUpdateDateTime":"2021-05-02T14:19:01Z","evidence":[
    {"@odata.type":"#microsoft.graph.security.processEvidence","imageFile":{"fileName":"proc.exe"}},
    {"@odata.type":"#microsoft.graph.security.fileEvidence","fileDetails":{"fileName":"dropped.dll","sha1":"ab"}}]})");
  REQUIRE(a);
  CHECK(a->file_name == "dropped.dll");
  CHECK(a->sha1 == "ab");
}

TEST_CASE("user evidence wins over a process's account; ip and url evidence give the first of each") {
  const auto a = adapt(R"({"id":"x","lastUpdateDateTime":"2021-05-02T14:19:01Z","evidence":[
    {"@odata.type":"#microsoft.graph.security.processEvidence","userAccount":{"accountName":"SYSTEM"}},
    {"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"accountName":"liz","domainName":"CONTOSO","userPrincipalName":"liz@contoso.com"}},
    {"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"203.0.113.7"},
    {"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"203.0.113.8"},
    {"@odata.type":"#microsoft.graph.security.urlEvidence","url":"http://evil.example/x"}]})");
  REQUIRE(a);
  CHECK(a->user_name == "liz");
  CHECK(a->user_principal_name == "liz@contoso.com");
  CHECK(a->ip_address == "203.0.113.7");
  CHECK(a->url == "http://evil.example/x");
}

TEST_CASE("an alert without an id or a valid update time cannot be placed") {
  CHECK_FALSE(adapt(R"({"lastUpdateDateTime":"2021-05-02T14:19:01Z"})"));
  CHECK_FALSE(adapt(R"({"id":"x"})"));
  CHECK_FALSE(adapt(R"({"id":"x","lastUpdateDateTime":"yesterday"})"));
  CHECK_FALSE(adapt(R"({"id":7,"lastUpdateDateTime":"2021-05-02T14:19:01Z"})"));
  CHECK_FALSE(adapt(R"([1,2])"));
}

TEST_CASE("unexpected types, unknown enums and nulls read as not given, and the alert still maps") {
  const auto a =
      adapt(R"({"id":"x","lastUpdateDateTime":"2021-05-02T14:19:01Z","title":{"nested":1},"severity":"catastrophic",
    "incidentId":28282,"mitreTechniques":"T1","evidence":{"not":"a list"},"createdDateTime":null,"brandNewField":true})");
  REQUIRE(a);
  CHECK(a->title.empty());
  CHECK(a->severity == Severity::unknown);
  CHECK(a->severity_text == "catastrophic");
  CHECK(a->incident_id == "28282");
  CHECK(a->mitre_techniques.empty());
  CHECK_FALSE(a->created);
}
