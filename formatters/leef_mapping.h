// The LEEF mapping, defined once for LEEF 1.0 and 2.0: which attribute carries which alert or incident field, and its
// length limit. The formatter writes from this table, and config/mapping.md is checked against it.
//
// QRadar's predefined keys carry what they define (devTime, cat, sev, src, usrName, identHostName, url); this
// module fixes externalId and lastUpdated; every other field has a custom key, its `.defender.` name in
// lowerCamelCase, which reuses no predefined name. Attributes are written in this order: identity and times first and
// the long free text last, so a receiver that cuts a long event keeps what identifies it.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "fields.h"
#include "mapping_table.h"

namespace defender {

struct LeefKey {
  std::string_view key;
  size_t limit;  // most bytes of the value; leef_uncut for numbers
  Field source;
};

// Numbers are never cut: times as epoch milliseconds (13 digits, which QRadar reads without devTimeFormat), sev as
// 1 to 10, yes-or-no as true or false.
inline constexpr size_t leef_uncut = uncut;

// Header limits: LEEF's own for the event id; the vendor, product and version are ours, held to CEF's limits.
inline constexpr size_t leef_product_limit = 63;
inline constexpr size_t leef_version_limit = 31;
inline constexpr size_t leef_event_id_limit = 255;

// LEEF limits only usrName (255) among the keys we use. Other values are held to the CEF limit of the same field,
// so both formats carry the same text, except externalId: CEF's 40 bytes could cut an id, LEEF gets 255.
inline constexpr std::array leef_attribute_keys{
    LeefKey{"externalId", 255, Field::id},
    LeefKey{"recordId", 1023, Field::record_id},
    LeefKey{"devTime", leef_uncut, Field::created},
    LeefKey{"lastUpdated", leef_uncut, Field::updated},
    LeefKey{"cat", 1023, Field::category},
    LeefKey{"sev", leef_uncut, Field::severity},
    LeefKey{"severityText", 1023, Field::severity_text},
    LeefKey{"title", 512, Field::title},
    LeefKey{"firstActivity", leef_uncut, Field::first_activity},
    LeefKey{"lastActivity", leef_uncut, Field::last_activity},
    LeefKey{"resolved", leef_uncut, Field::resolved},
    LeefKey{"status", 1023, Field::status},
    LeefKey{"classification", 1023, Field::classification},
    LeefKey{"determination", 1023, Field::determination},
    LeefKey{"serviceSource", 1023, Field::service_source},
    LeefKey{"detectionSource", 1023, Field::detection_source},
    LeefKey{"detectorId", 1023, Field::detector_id},
    LeefKey{"providerAlertId", 1023, Field::provider_alert_id},
    LeefKey{"threatName", 4000, Field::threat_name},
    LeefKey{"threatFamily", 1023, Field::threat_family},
    LeefKey{"threatCategory", 1023, Field::threat_category},
    LeefKey{"actor", 4000, Field::actor},
    LeefKey{"mitreTechniques", 4000, Field::mitre_techniques},
    LeefKey{"incidentId", 4000, Field::incident_id},
    LeefKey{"incidentUrl", 1023, Field::incident_url},
    LeefKey{"alertUrl", 1023, Field::alert_url},
    LeefKey{"assignedTo", 1023, Field::assigned_to},
    LeefKey{"tenantId", 1023, Field::tenant_id},
    LeefKey{"identHostName", 1023, Field::host},
    LeefKey{"deviceId", 255, Field::device_id},
    LeefKey{"machineGroup", 1023, Field::machine_group},
    LeefKey{"machineDomain", 255, Field::machine_domain},
    LeefKey{"loggedOnUsers", 1023, Field::logged_on_users},
    LeefKey{"usrName", 255, Field::user_name},
    LeefKey{"userDomain", 255, Field::user_domain},
    LeefKey{"userPrincipalName", 1023, Field::user_principal_name},
    LeefKey{"fileName", 1023, Field::file_name},
    LeefKey{"filePath", 1023, Field::file_path},
    LeefKey{"sha1", 255, Field::sha1},
    LeefKey{"sha256", 4000, Field::sha256},
    LeefKey{"md5", 4000, Field::md5},
    LeefKey{"src", 45, Field::ip_address},
    LeefKey{"url", 1023, Field::url},
    LeefKey{"remediationAction", 1023, Field::remediation_action},
    LeefKey{"remediationSucceeded", leef_uncut, Field::remediation_succeeded},
    LeefKey{"wasExecutingWhileDetected", leef_uncut, Field::was_executing_while_detected},
    LeefKey{"description", 1023, Field::description},
    LeefKey{"commandLine", 4000, Field::command_line},
    LeefKey{"recommendedActions", 4000, Field::recommended_actions},
};

// An incident's attributes use the alert's keys where the two carry the same thing, so one QRadar DSM reads both;
// the display name is `title`, as an alert's title is.
inline constexpr std::array leef_incident_keys{
    LeefKey{"externalId", 255, Field::id},
    LeefKey{"devTime", leef_uncut, Field::created},
    LeefKey{"lastUpdated", leef_uncut, Field::updated},
    LeefKey{"sev", leef_uncut, Field::severity},
    LeefKey{"severityText", 1023, Field::severity_text},
    LeefKey{"title", 512, Field::display_name},
    LeefKey{"status", 1023, Field::status},
    LeefKey{"classification", 1023, Field::classification},
    LeefKey{"determination", 1023, Field::determination},
    LeefKey{"assignedTo", 1023, Field::assigned_to},
    LeefKey{"tenantId", 1023, Field::tenant_id},
    LeefKey{"incidentUrl", 1023, Field::incident_url},
    LeefKey{"redirectIncidentId", 1023, Field::redirect_incident_id},
    LeefKey{"priorityScore", leef_uncut, Field::priority_score},
    LeefKey{"customTags", 4000, Field::custom_tags},
    LeefKey{"systemTags", 4000, Field::system_tags},
    LeefKey{"lastModifiedBy", 1023, Field::last_modified_by},
    LeefKey{"commentCount", leef_uncut, Field::comment_count},
    LeefKey{"latestCommentAuthor", 1023, Field::latest_comment_author},
    LeefKey{"latestCommentTime", leef_uncut, Field::latest_comment_time},
    LeefKey{"alertCount", leef_uncut, Field::alert_count},
    LeefKey{"alertIds", 4000, Field::alert_ids},
    LeefKey{"alertTitles", 4000, Field::alert_titles},
    LeefKey{"mitreTechniques", 4000, Field::mitre_techniques},
    LeefKey{"devices", 4000, Field::devices},
    LeefKey{"users", 4000, Field::users},
    LeefKey{"description", 1023, Field::description},
    LeefKey{"summary", 4000, Field::summary},
    LeefKey{"resolvingComment", 4000, Field::resolving_comment},
    LeefKey{"latestComment", 4000, Field::latest_comment},
};

// IBM's predefined LEEF attributes (QRadar LEEF guide), which a custom key must not reuse.
inline constexpr std::array<std::string_view, 45> leef_predefined_keys{
    "cat",          "devTime",       "devTimeFormat", "proto",          "sev",
    "src",          "dst",           "srcPort",       "dstPort",        "srcPreNAT",
    "dstPreNAT",    "srcPostNAT",    "dstPostNAT",    "usrName",        "srcMAC",
    "dstMAC",       "srcPreNATPort", "dstPreNATPort", "srcPostNATPort", "dstPostNATPort",
    "identSrc",     "identHostName", "identNetBios",  "identGrpName",   "identMAC",
    "vSrc",         "vSrcName",      "accountName",   "srcBytes",       "dstBytes",
    "srcPackets",   "dstPackets",    "totalPackets",  "role",           "realm",
    "policy",       "resource",      "url",           "groupID",        "domain",
    "isLoginEvent", "isLogoutEvent", "identSecondIp", "calLanguage",    "calCountryOrRegion",
};

static_assert(keys_well_formed(leef_attribute_keys),
              "LEEF keys: alphanumeric, unique, one per field, limits hold the marker");
static_assert(keys_well_formed(leef_incident_keys),
              "LEEF incident keys: alphanumeric, unique, one per field, limits hold the marker");

}  // namespace defender
