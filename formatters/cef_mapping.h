// The CEF mapping, defined once: which extension key carries which alert or incident field, under which label and
// length limit. The formatter writes from this table, and the documented mapping table is generated from or checked
// against it.
//
// Where Microsoft's SIEM-API-to-ArcSight mapping defines a key and label (externalId, rt, cat, sourceServiceName,
// shost, fname, filePath, sntdom, suser, fileHash, cs1 ThreatName, cs4 Actor, cs5 Md5, cs6 Sha256, src, request,
// flexString1 LinkToWDATP, suid, sourceDnsDomain, cn1 WasExecutingWhileDetected, cn2 RemediationIsSuccess), the same
// key carries the same meaning here, filled from the Graph property that Microsoft's SIEM-to-Graph table names, so
// a SIEM rule written for the SIEM API keeps working on Graph. Where Graph has no such property (cn1, cn2,
// sourceDnsDomain) the key is written for SIEM API records only, rather than take another meaning.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "fields.h"
#include "mapping_table.h"
#include "text.h"

namespace defender {

struct CefKey {
  std::string_view key;
  // For the standard's custom fields (csN, deviceCustomDateN, flexStringN): written as <key>Label=<label> right
  // after the value. Empty for dictionary keys and for our user-defined keys, which name themselves.
  std::string_view label;
  size_t limit;  // most bytes of the value before escaping; cef_uncut for numbers
  Field source;
};

// Numbers are never cut: times, written as milliseconds since the epoch (the least ambiguous of the standard's
// forms), and yes-or-no fields, written as 1 or 0 as Microsoft's ArcSight mapping does.
inline constexpr size_t cef_uncut = uncut;

// Header field limits from the standard.
inline constexpr size_t cef_product_limit = 63;
inline constexpr size_t cef_version_limit = 31;
inline constexpr size_t cef_event_class_id_limit = 1023;
inline constexpr size_t cef_name_limit = 512;

// In output order. Fields with no standard key use user-defined keys, named Vendor+Product+Name as the standard
// asks: they are kept by every consumer, if not correlatable in ArcSight. flexString2 stays free, because the
// standard reserves flex fields for customers.
inline constexpr std::array cef_extension_keys{
    CefKey{"externalId", "", 40, Field::id},
    CefKey{"rt", "", cef_uncut, Field::created},
    CefKey{"start", "", cef_uncut, Field::first_activity},
    CefKey{"end", "", cef_uncut, Field::last_activity},
    CefKey{"cat", "", 1023, Field::category},
    CefKey{"msg", "", 1023, Field::description},
    CefKey{"sourceServiceName", "", 1023, Field::detection_source},
    CefKey{"shost", "", 1023, Field::host},
    CefKey{"sourceDnsDomain", "", 255, Field::machine_domain},
    CefKey{"deviceExternalId", "", 255, Field::device_id},
    CefKey{"suid", "", 1023, Field::logged_on_users},
    CefKey{"sntdom", "", 255, Field::user_domain},
    CefKey{"suser", "", 1023, Field::user_name},
    CefKey{"fname", "", 1023, Field::file_name},
    CefKey{"filePath", "", 1023, Field::file_path},
    CefKey{"fileHash", "", 255, Field::sha1},
    CefKey{"cs6", "Sha256", 4000, Field::sha256},
    CefKey{"cs5", "Md5", 4000, Field::md5},
    CefKey{"cs1", "ThreatName", 4000, Field::threat_name},
    CefKey{"cs4", "Actor", 4000, Field::actor},
    CefKey{"src", "", 45, Field::ip_address},  // 45: the longest textual IP address
    CefKey{"request", "", 1023, Field::url},
    CefKey{"flexString1", "LinkToWDATP", 1023, Field::alert_url},
    CefKey{"cn1", "WasExecutingWhileDetected", cef_uncut, Field::was_executing_while_detected},
    CefKey{"cn2", "RemediationIsSuccess", cef_uncut, Field::remediation_succeeded},
    // The two remaining custom strings go to what SOC rules correlate on most.
    CefKey{"cs2", "MitreTechniques", 4000, Field::mitre_techniques},
    CefKey{"cs3", "IncidentId", 4000, Field::incident_id},
    CefKey{"deviceCustomDate2", "resolvedTime", cef_uncut, Field::resolved},
    CefKey{"MicrosoftDefenderIncidentUrl", "", 1023, Field::incident_url},
    CefKey{"MicrosoftDefenderStatus", "", 1023, Field::status},
    CefKey{"MicrosoftDefenderClassification", "", 1023, Field::classification},
    CefKey{"MicrosoftDefenderDetermination", "", 1023, Field::determination},
    CefKey{"MicrosoftDefenderAssignedTo", "", 1023, Field::assigned_to},
    CefKey{"MicrosoftDefenderSeverity", "", 1023, Field::severity_text},
    CefKey{"MicrosoftDefenderServiceSource", "", 1023, Field::service_source},
    CefKey{"MicrosoftDefenderThreatFamily", "", 1023, Field::threat_family},
    CefKey{"MicrosoftDefenderThreatCategory", "", 1023, Field::threat_category},
    CefKey{"MicrosoftDefenderRemediationAction", "", 1023, Field::remediation_action},
    CefKey{"MicrosoftDefenderRecordId", "", 1023, Field::record_id},
    CefKey{"MicrosoftDefenderTenantId", "", 1023, Field::tenant_id},
    CefKey{"MicrosoftDefenderProviderAlertId", "", 1023, Field::provider_alert_id},
    CefKey{"MicrosoftDefenderMachineGroup", "", 1023, Field::machine_group},
    CefKey{"MicrosoftDefenderUserPrincipalName", "", 1023, Field::user_principal_name},
    CefKey{"MicrosoftDefenderCommandLine", "", 4000, Field::command_line},
    CefKey{"MicrosoftDefenderRecommendedActions", "", 4000, Field::recommended_actions},
    // Last, and always present: the standard drops trailing spaces of the final value, so the line ends in a
    // constant label instead of in alert text.
    CefKey{"deviceCustomDate1", "lastUpdated", cef_uncut, Field::updated},
};

// An incident's keys follow the alert's where the two carry the same thing (externalId, rt, msg, cs2, the status and
// ownership keys, the update time last), so one SIEM parser reads both; what only an incident has takes a
// user-defined key, and cn3 (a number) the priority score.
inline constexpr std::array cef_incident_keys{
    CefKey{"externalId", "", 40, Field::id},
    CefKey{"rt", "", cef_uncut, Field::created},
    CefKey{"msg", "", 1023, Field::description},
    CefKey{"cs2", "MitreTechniques", 4000, Field::mitre_techniques},
    CefKey{"cn3", "PriorityScore", cef_uncut, Field::priority_score},
    CefKey{"MicrosoftDefenderIncidentUrl", "", 1023, Field::incident_url},
    CefKey{"MicrosoftDefenderStatus", "", 1023, Field::status},
    CefKey{"MicrosoftDefenderClassification", "", 1023, Field::classification},
    CefKey{"MicrosoftDefenderDetermination", "", 1023, Field::determination},
    CefKey{"MicrosoftDefenderAssignedTo", "", 1023, Field::assigned_to},
    CefKey{"MicrosoftDefenderSeverity", "", 1023, Field::severity_text},
    CefKey{"MicrosoftDefenderTenantId", "", 1023, Field::tenant_id},
    CefKey{"MicrosoftDefenderRedirectIncidentId", "", 1023, Field::redirect_incident_id},
    CefKey{"MicrosoftDefenderCustomTags", "", 4000, Field::custom_tags},
    CefKey{"MicrosoftDefenderSystemTags", "", 4000, Field::system_tags},
    CefKey{"MicrosoftDefenderLastModifiedBy", "", 1023, Field::last_modified_by},
    CefKey{"MicrosoftDefenderCommentCount", "", cef_uncut, Field::comment_count},
    CefKey{"MicrosoftDefenderLatestCommentAuthor", "", 1023, Field::latest_comment_author},
    CefKey{"MicrosoftDefenderLatestCommentTime", "", cef_uncut, Field::latest_comment_time},
    CefKey{"MicrosoftDefenderAlertCount", "", cef_uncut, Field::alert_count},
    CefKey{"MicrosoftDefenderAlertIds", "", 4000, Field::alert_ids},
    CefKey{"MicrosoftDefenderAlertTitles", "", 4000, Field::alert_titles},
    CefKey{"MicrosoftDefenderDevices", "", 4000, Field::devices},
    CefKey{"MicrosoftDefenderUsers", "", 4000, Field::users},
    CefKey{"MicrosoftDefenderSummary", "", 4000, Field::summary},
    CefKey{"MicrosoftDefenderResolvingComment", "", 4000, Field::resolving_comment},
    CefKey{"MicrosoftDefenderLatestComment", "", 4000, Field::latest_comment},
    CefKey{"deviceCustomDate1", "lastUpdated", cef_uncut, Field::updated},
};

namespace cef_mapping_checks {

template <size_t N>
constexpr bool labels_well_formed(const std::array<CefKey, N> &keys) {
  for (const CefKey &k : keys) {
    if (k.key.ends_with("Label")) return false;  // so no <key>Label collides with a key
    if (!k.label.empty() && (!is_alphanumeric_word(k.label) || k.label.size() > 128)) return false;  // 128: flex labels
  }
  const CefKey &last = keys.back();
  return last.source == Field::updated && !last.label.empty();
}
static_assert(keys_well_formed(cef_extension_keys),
              "CEF keys: alphanumeric, unique, one per field, limits hold the marker");
static_assert(labels_well_formed(cef_extension_keys),
              "CEF labels: alphanumeric and short, never a key, the update time's last");
static_assert(keys_well_formed(cef_incident_keys),
              "CEF incident keys: alphanumeric, unique, one per field, limits hold the marker");
static_assert(labels_well_formed(cef_incident_keys),
              "CEF incident labels: alphanumeric and short, never a key, the update time's last");

}  // namespace cef_mapping_checks

}  // namespace defender
