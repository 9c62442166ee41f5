// Graph security incidents JSON -> Incident: every field, merges, comments, and the alerts of $expand=alerts.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "apis/incidents/incident_adapter.h"

using namespace defender;

namespace {

std::optional<Incident> adapt(const char *json) {
  rapidjson::Document doc;
  doc.Parse(json);
  REQUIRE_FALSE(doc.HasParseError());
  return adapt_incident(doc);
}

// Shaped like an incident of the List incidents answer, with two comments and two expanded alerts.
constexpr const char *full = R"({
  "@odata.type": "#microsoft.graph.security.incident", "id": "2972395",
  "tenantId": "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c",
  "incidentWebUrl": "https://security.microsoft.com/incidents/2972395?tid=b3c1",
  "redirectIncidentId": null, "displayName": "Multi-stage incident involving Initial access",
  "description": "Credential theft on one device", "summary": "A user opened a phishing link",
  "createdDateTime": "2021-08-13T08:43:35.5533333Z", "lastUpdateDateTime": "2021-09-30T09:35:45.1133333Z",
  "assignedTo": "KaiC@contoso.onmicrosoft.com", "classification": "truePositive", "determination": "multiStagedAttack",
  "status": "active", "severity": "medium", "customTags": ["Demo", "Phishing"], "systemTags": ["Defender Experts"],
  "lastModifiedBy": "KaiC@contoso.onmicrosoft.com", "resolvingComment": null, "priorityScore": 87,
  "comments": [
    {"comment": "looking into it", "createdByDisplayName": "Kai", "createdDateTime": "2021-09-30T09:30:00Z"},
    {"comment": "first look", "createdByDisplayName": "Ana", "createdDateTime": "2021-09-29T12:00:00Z"}
  ],
  "alerts": [
    {"id": "da1", "title": "Phishing link clicked", "lastUpdateDateTime": "2021-09-30T09:00:00Z",
     "mitreTechniques": ["T1566.002", "T1204.001"],
     "evidence": [
       {"@odata.type": "#microsoft.graph.security.deviceEvidence", "deviceDnsName": "ws-01"},
       {"@odata.type": "#microsoft.graph.security.userEvidence",
        "userAccount": {"accountName": "kai", "domainName": "CONTOSO", "userPrincipalName": "kai@contoso.com"}}]},
    {"id": "da2", "title": "Credential dumping", "lastUpdateDateTime": "2021-09-30T09:10:00Z",
     "mitreTechniques": ["T1003.001", "T1566.002"],
     "evidence": [
       {"@odata.type": "#microsoft.graph.security.deviceEvidence", "deviceDnsName": "ws-01"},
       {"@odata.type": "#microsoft.graph.security.userEvidence",
        "userAccount": {"accountName": "svc-backup", "domainName": "CONTOSO"}}]}
  ]
})";

}  // namespace

TEST_CASE("every field of an incident is read") {
  const auto incident = adapt(full);
  REQUIRE(incident);
  CHECK(incident->id == "2972395");
  CHECK(format_instant(incident->updated) == "2021-09-30T09:35:45.1133333Z");
  REQUIRE(incident->created);
  CHECK(format_instant(*incident->created) == "2021-08-13T08:43:35.5533333Z");
  CHECK(incident->tenant_id == "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c");
  CHECK(incident->display_name == "Multi-stage incident involving Initial access");
  CHECK(incident->description == "Credential theft on one device");
  CHECK(incident->summary == "A user opened a phishing link");
  CHECK(incident->severity == Severity::medium);
  CHECK(incident->severity_text == "medium");
  CHECK(incident->status == "active");
  CHECK(incident->classification == "truePositive");
  CHECK(incident->determination == "multiStagedAttack");
  CHECK(incident->assigned_to == "KaiC@contoso.onmicrosoft.com");
  CHECK(incident->web_url == "https://security.microsoft.com/incidents/2972395?tid=b3c1");
  CHECK(incident->redirect_incident_id.empty());
  CHECK(incident->custom_tags == std::vector<std::string>{"Demo", "Phishing"});
  CHECK(incident->system_tags == std::vector<std::string>{"Defender Experts"});
  CHECK(incident->last_modified_by == "KaiC@contoso.onmicrosoft.com");
  CHECK(incident->resolving_comment.empty());
  CHECK(incident->priority_score == 87);
  CHECK(incident->raw_json.empty());
}

TEST_CASE("the latest comment is the newest by its time, and every comment is counted") {
  const auto incident = adapt(full);
  REQUIRE(incident);
  CHECK(incident->comment_count == 2);
  REQUIRE(incident->latest_comment);
  CHECK(incident->latest_comment->text == "looking into it");
  CHECK(incident->latest_comment->author == "Kai");
  CHECK(format_instant(*incident->latest_comment->created) == "2021-09-30T09:30:00.0000000Z");
}

TEST_CASE("of comments without a time the last one listed is the latest") {
  const auto incident = adapt(R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z",
    "comments": [{"comment": "a"}, {"comment": "b"}, 5]})");
  REQUIRE(incident);
  CHECK(incident->comment_count == 2);
  REQUIRE(incident->latest_comment);
  CHECK(incident->latest_comment->text == "b");
  CHECK_FALSE(incident->latest_comment->created);
}

TEST_CASE("the expanded alerts give their ids, titles, techniques, devices and users, each once in order") {
  const auto incident = adapt(full);
  REQUIRE(incident);
  CHECK(incident->alerts_expanded);
  CHECK(incident->alert_ids == std::vector<std::string>{"da1", "da2"});
  CHECK(incident->alert_titles == std::vector<std::string>{"Phishing link clicked", "Credential dumping"});
  CHECK(incident->mitre_techniques == std::vector<std::string>{"T1566.002", "T1204.001", "T1003.001"});
  CHECK(incident->devices == std::vector<std::string>{"ws-01"});
  CHECK(incident->users == std::vector<std::string>{"kai@contoso.com", "CONTOSO\\svc-backup"});
}

TEST_CASE("an incident asked for without its alerts says they were not expanded") {
  const auto incident = adapt(R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z"})");
  REQUIRE(incident);
  CHECK_FALSE(incident->alerts_expanded);
  CHECK(incident->alert_ids.empty());
  CHECK(incident->comment_count == 0);
  CHECK_FALSE(incident->latest_comment);
}

TEST_CASE("an expanded alert without an id or update time is left out of the incident's alerts") {
  const auto incident = adapt(R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z",
    "alerts": [{"title": "no id"}, {"id": "a1", "title": "kept", "lastUpdateDateTime": "2021-09-30T09:00:00Z"}]})");
  REQUIRE(incident);
  CHECK(incident->alerts_expanded);
  CHECK(incident->alert_ids == std::vector<std::string>{"a1"});
  CHECK(incident->alert_titles == std::vector<std::string>{"kept"});
}

TEST_CASE("an alert listed twice is one alert: its second entry adds nothing") {
  const auto incident = adapt(R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z", "alerts": [
    {"id": "a1", "title": "first", "lastUpdateDateTime": "2021-09-30T09:00:00Z", "mitreTechniques": ["T1059"]},
    {"id": "a1", "title": "again", "lastUpdateDateTime": "2021-09-30T09:10:00Z", "mitreTechniques": ["T1003"]}]})");
  REQUIRE(incident);
  CHECK(incident->alert_ids == std::vector<std::string>{"a1"});
  CHECK(incident->alert_titles == std::vector<std::string>{"first"});
  CHECK(incident->mitre_techniques == std::vector<std::string>{"T1059"});
}

TEST_CASE("a merged incident keeps its redirect and its status") {
  const auto incident = adapt(R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z",
    "status": "redirected", "redirectIncidentId": "2972395", "systemTags": ["Redirected"], "alerts": []})");
  REQUIRE(incident);
  CHECK(incident->status == "redirected");
  CHECK(incident->redirect_incident_id == "2972395");
  CHECK(incident->system_tags == std::vector<std::string>{"Redirected"});
  CHECK(incident->alerts_expanded);
  CHECK(incident->alert_ids.empty());
}

TEST_CASE("a priority score that is null or not a whole number is not given") {
  for (const char *json : {R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z", "priorityScore": null})",
                           R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z", "priorityScore": "87"})",
                           R"({"id": "7", "lastUpdateDateTime": "2021-09-30T09:35:45Z", "priorityScore": 8.5})"}) {
    const auto incident = adapt(json);
    REQUIRE(incident);
    CHECK_FALSE(incident->priority_score);
  }
}

TEST_CASE("an incident without an id or a valid update time places no version and is not read") {
  CHECK_FALSE(adapt(R"({"lastUpdateDateTime": "2021-09-30T09:35:45Z"})"));
  CHECK_FALSE(adapt(R"({"id": "", "lastUpdateDateTime": "2021-09-30T09:35:45Z"})"));
  CHECK_FALSE(adapt(R"({"id": 2972395, "lastUpdateDateTime": "2021-09-30T09:35:45Z"})"));
  CHECK_FALSE(adapt(R"({"id": "7", "lastUpdateDateTime": "yesterday"})"));
  CHECK_FALSE(adapt(R"({"id": "7"})"));
  CHECK_FALSE(adapt(R"(["not an object"])"));
}
