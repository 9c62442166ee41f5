// The `.defender.<name>` name-value pairs: a fixed list of names, and the values of a sample alert and incident.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "fields.h"
#include "test_helpers.h"

using defender::Alert;
using defender::Incident;
using defender::Instant;
using defender::Severity;
using defender::test::fields_of;

namespace {

Alert sample_alert() {
  Alert a;
  a.id = "da637551227677560813_-961444813";
  a.updated = *defender::parse_instant("2021-05-02T14:19:01.3266667Z");
  a.created = defender::parse_instant("2021-04-27T12:19:27.7211305Z");
  a.first_activity = defender::parse_instant("2021-04-26T07:45:50.116Z");
  a.last_activity = defender::parse_instant("2021-05-02T07:56:58.222Z");
  a.title = "Suspicious execution of hidden file";
  a.description = "A hidden file has been launched.";
  a.category = "DefenseEvasion";
  a.severity = Severity::low;
  a.severity_text = "low";
  a.status = "new";
  a.classification = "unknown";
  a.service_source = "microsoftDefenderForEndpoint";
  a.detection_source = "antivirus";
  a.detector_id = "e0da400f-affd-43ef-b1d5-afc2eb6f2756";
  a.mitre_techniques = {"T1564.001", "", "T1059"};
  a.incident_id = "28282";
  a.host = "tempDns";
  a.sha1 = "5f1e8acedc065031aad553b710838eb366cfee9a";
  a.command_line = "\"MsSense.exe\"";
  a.raw_json = R"({"id":"da637551227677560813_-961444813"})";
  return a;
}

Incident sample_incident() {
  Incident i;
  i.id = "2972395";
  i.updated = *defender::parse_instant("2021-09-30T09:35:45.1133333Z");
  i.created = defender::parse_instant("2021-08-13T08:43:35.55Z");
  i.tenant_id = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c";
  i.display_name = "Multi-stage incident";
  i.description = "Credential theft";
  i.summary = "A phishing link";
  i.severity = Severity::medium;
  i.severity_text = "medium";
  i.status = "redirected";
  i.classification = "truePositive";
  i.determination = "multiStagedAttack";
  i.assigned_to = "KaiC@contoso.onmicrosoft.com";
  i.web_url = "https://security.microsoft.com/incidents/2972395";
  i.redirect_incident_id = "2972401";
  i.custom_tags = {"Demo", "", "Phishing"};
  i.system_tags = {"Defender Experts"};
  i.last_modified_by = "API-App:app@contoso.com";
  i.resolving_comment = "merged";
  i.priority_score = 87;
  i.comment_count = 2;
  i.latest_comment =
      defender::IncidentComment{"looking into it", "Kai", defender::parse_instant("2021-09-30T09:30:00Z")};
  i.alerts_expanded = true;
  i.alert_ids = {"da1", "da2"};
  i.alert_titles = {"Phishing link clicked", "Credential dumping"};
  i.mitre_techniques = {"T1566.002", "T1003.001"};
  i.devices = {"ws-01"};
  i.users = {"kai@contoso.com", "CONTOSO\\svc-backup"};
  i.raw_json = R"({"id":"2972395"})";
  return i;
}

}  // namespace

TEST_CASE("the field names are fixed, snake_case and in this order") {
  const std::vector<std::string_view> expected{
      "id",
      "record_id",
      "title",
      "description",
      "severity",
      "severity_text",
      "updated",
      "created",
      "first_activity",
      "last_activity",
      "resolved",
      "category",
      "status",
      "classification",
      "determination",
      "service_source",
      "detection_source",
      "detector_id",
      "provider_alert_id",
      "threat_name",
      "threat_family",
      "threat_category",
      "actor",
      "mitre_techniques",
      "incident_id",
      "incident_url",
      "alert_url",
      "assigned_to",
      "tenant_id",
      "recommended_actions",
      "host",
      "device_id",
      "machine_group",
      "machine_domain",
      "logged_on_users",
      "user_name",
      "user_domain",
      "user_principal_name",
      "file_name",
      "file_path",
      "sha1",
      "sha256",
      "md5",
      "command_line",
      "ip_address",
      "url",
      "remediation_action",
      "remediation_succeeded",
      "was_executing_while_detected",
      "display_name",
      "summary",
      "redirect_incident_id",
      "custom_tags",
      "system_tags",
      "last_modified_by",
      "resolving_comment",
      "priority_score",
      "comment_count",
      "latest_comment",
      "latest_comment_author",
      "latest_comment_time",
      "alert_count",
      "alert_ids",
      "alert_titles",
      "devices",
      "users",
      "json",
  };
  REQUIRE(defender::field_count() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) CHECK(defender::field_name(i) == expected[i]);
}

TEST_CASE("field_name is empty past the end of the list") {
  CHECK(defender::field_name(defender::field_count()).empty());
}

TEST_CASE("visit_fields emits the non-empty fields of a sample alert, rendered, in order") {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"id", "da637551227677560813_-961444813"},
      {"title", "Suspicious execution of hidden file"},
      {"description", "A hidden file has been launched."},
      {"severity", "low"},
      {"severity_text", "low"},
      {"updated", "2021-05-02T14:19:01.3266667Z"},
      {"created", "2021-04-27T12:19:27.7211305Z"},
      {"first_activity", "2021-04-26T07:45:50.1160000Z"},
      {"last_activity", "2021-05-02T07:56:58.2220000Z"},
      {"category", "DefenseEvasion"},
      {"status", "new"},
      {"classification", "unknown"},
      {"service_source", "microsoftDefenderForEndpoint"},
      {"detection_source", "antivirus"},
      {"detector_id", "e0da400f-affd-43ef-b1d5-afc2eb6f2756"},
      {"mitre_techniques", "T1564.001,T1059"},
      {"incident_id", "28282"},
      {"host", "tempDns"},
      {"sha1", "5f1e8acedc065031aad553b710838eb366cfee9a"},
      {"command_line", "\"MsSense.exe\""},
      {"json", R"({"id":"da637551227677560813_-961444813"})"},
  };
  CHECK(fields_of(sample_alert()) == expected);
}

TEST_CASE("visit_fields emits an empty alert as its severity and its update time only") {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"severity", "unknown"},
      {"updated", "1970-01-01T00:00:00.0000000Z"},
  };
  CHECK(fields_of(Alert{}) == expected);
}

TEST_CASE("visit_fields leaves values as the alert holds them, for the consumer to escape") {
  Alert a;
  a.title = "a|b=c\nd";
  const auto fields = fields_of(a);
  REQUIRE(fields.size() == 3);
  CHECK(fields[0] == std::pair<std::string, std::string>{"title", "a|b=c\nd"});
}

TEST_CASE("visit_fields writes yes-or-no fields as true or false, and leaves them out when not given") {
  Alert a;
  a.remediation_succeeded = true;
  a.was_executing_while_detected = false;
  const auto fields = fields_of(a);
  REQUIRE(fields.size() == 4);
  CHECK(fields[2] == std::pair<std::string, std::string>{"remediation_succeeded", "true"});
  CHECK(fields[3] == std::pair<std::string, std::string>{"was_executing_while_detected", "false"});
}

TEST_CASE("visit_fields emits the non-empty fields of a sample incident, rendered, in the incident's order") {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"id", "2972395"},
      {"display_name", "Multi-stage incident"},
      {"description", "Credential theft"},
      {"summary", "A phishing link"},
      {"severity", "medium"},
      {"severity_text", "medium"},
      {"updated", "2021-09-30T09:35:45.1133333Z"},
      {"created", "2021-08-13T08:43:35.5500000Z"},
      {"status", "redirected"},
      {"classification", "truePositive"},
      {"determination", "multiStagedAttack"},
      {"assigned_to", "KaiC@contoso.onmicrosoft.com"},
      {"tenant_id", "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"},
      {"incident_url", "https://security.microsoft.com/incidents/2972395"},
      {"redirect_incident_id", "2972401"},
      {"custom_tags", "Demo,Phishing"},
      {"system_tags", "Defender Experts"},
      {"last_modified_by", "API-App:app@contoso.com"},
      {"resolving_comment", "merged"},
      {"priority_score", "87"},
      {"comment_count", "2"},
      {"latest_comment", "looking into it"},
      {"latest_comment_author", "Kai"},
      {"latest_comment_time", "2021-09-30T09:30:00.0000000Z"},
      {"alert_count", "2"},
      {"alert_ids", "da1,da2"},
      {"alert_titles", "Phishing link clicked,Credential dumping"},
      {"mitre_techniques", "T1566.002,T1003.001"},
      {"devices", "ws-01"},
      {"users", "kai@contoso.com,CONTOSO\\svc-backup"},
      {"json", R"({"id":"2972395"})"},
  };
  CHECK(fields_of(sample_incident()) == expected);
}

TEST_CASE("visit_fields emits an incident without alerts expanded as its id, severity, update time and 0 comments") {
  Incident i;
  i.id = "41";
  i.updated = *defender::parse_instant("2024-01-02T03:04:05Z");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"id", "41"},
      {"severity", "unknown"},
      {"updated", "2024-01-02T03:04:05.0000000Z"},
      {"comment_count", "0"},
  };
  CHECK(fields_of(i) == expected);
}

TEST_CASE("visit_fields writes an expanded incident without alerts as alert_count 0, and a priority score of 0") {
  Incident i;
  i.alerts_expanded = true;
  i.priority_score = 0;
  const auto fields = fields_of(i);
  REQUIRE(fields.size() == 5);
  CHECK(fields[2] == std::pair<std::string, std::string>{"priority_score", "0"});
  CHECK(fields[4] == std::pair<std::string, std::string>{"alert_count", "0"});
}

TEST_CASE("visit_fields on a Record visits the incident it holds") {
  const defender::Record record = sample_incident();
  CHECK(fields_of(record) == fields_of(sample_incident()));
}

TEST_CASE("severity_name is the lowercase Graph name") {
  CHECK(defender::severity_name(Severity::unknown) == "unknown");
  CHECK(defender::severity_name(Severity::informational) == "informational");
  CHECK(defender::severity_name(Severity::low) == "low");
  CHECK(defender::severity_name(Severity::medium) == "medium");
  CHECK(defender::severity_name(Severity::high) == "high");
}
