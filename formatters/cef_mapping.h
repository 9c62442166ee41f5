// The CEF mapping, defined once: which extension key carries which alert field, under which label and length
// limit. The formatter writes from this table, and the documented mapping table is generated from or checked
// against it.
//
// Where Microsoft's SIEM-API-to-ArcSight mapping defines a key and label (externalId, rt, cat, sourceServiceName,
// shost, fname, filePath, sntdom, suser, fileHash, cs1 ThreatName, cs4 Actor, cs5 Md5, cs6 Sha256, src, request,
// flexString1 LinkToWDATP, suid), the same key carries the same meaning here, filled from the Graph property that
// Microsoft's SIEM-to-Graph table names, so a SIEM rule written for the SIEM API keeps working on Graph. cn1 and
// cn2 (WasExecutingWhileDetected, RemediationIsSuccess) stay unused rather than take another meaning.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "fields.h"
#include "text.h"

namespace defender {

struct CefKey {
  std::string_view key;
  // For the standard's custom fields (csN, deviceCustomDateN, flexStringN): written as <key>Label=<label> right
  // after the value. Empty for dictionary keys and for our user-defined keys, which name themselves.
  std::string_view label;
  size_t limit;  // most bytes of the value before escaping; cef_time for times
  Field source;
};

// Times are written as milliseconds since the epoch, the least ambiguous of the standard's forms, and never cut.
inline constexpr size_t cef_time = 0;

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
    CefKey{"rt", "", cef_time, Field::created},
    CefKey{"start", "", cef_time, Field::first_activity},
    CefKey{"end", "", cef_time, Field::last_activity},
    CefKey{"cat", "", 1023, Field::category},
    CefKey{"msg", "", 1023, Field::description},
    CefKey{"sourceServiceName", "", 1023, Field::detection_source},
    CefKey{"shost", "", 1023, Field::host},
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
    // The two remaining custom strings go to what SOC rules correlate on most.
    CefKey{"cs2", "MitreTechniques", 4000, Field::mitre_techniques},
    CefKey{"cs3", "IncidentId", 4000, Field::incident_id},
    CefKey{"deviceCustomDate2", "resolvedTime", cef_time, Field::resolved},
    CefKey{"MicrosoftDefenderIncidentUrl", "", 1023, Field::incident_url},
    CefKey{"MicrosoftDefenderStatus", "", 1023, Field::status},
    CefKey{"MicrosoftDefenderClassification", "", 1023, Field::classification},
    CefKey{"MicrosoftDefenderDetermination", "", 1023, Field::determination},
    CefKey{"MicrosoftDefenderAssignedTo", "", 1023, Field::assigned_to},
    CefKey{"MicrosoftDefenderSeverity", "", 1023, Field::severity_text},
    CefKey{"MicrosoftDefenderServiceSource", "", 1023, Field::service_source},
    CefKey{"MicrosoftDefenderThreatFamily", "", 1023, Field::threat_family},
    CefKey{"MicrosoftDefenderTenantId", "", 1023, Field::tenant_id},
    CefKey{"MicrosoftDefenderProviderAlertId", "", 1023, Field::provider_alert_id},
    CefKey{"MicrosoftDefenderMachineGroup", "", 1023, Field::machine_group},
    CefKey{"MicrosoftDefenderUserPrincipalName", "", 1023, Field::user_principal_name},
    CefKey{"MicrosoftDefenderCommandLine", "", 4000, Field::command_line},
    CefKey{"MicrosoftDefenderRecommendedActions", "", 4000, Field::recommended_actions},
    // Last, and always present: the standard drops trailing spaces of the final value, so the line ends in a
    // constant label instead of in alert text.
    CefKey{"deviceCustomDate1", "lastUpdated", cef_time, Field::updated},
};

namespace cef_mapping_checks {

constexpr bool alphanumeric(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

constexpr bool well_formed() {
  for (size_t i = 0; i < cef_extension_keys.size(); ++i) {
    const CefKey &k = cef_extension_keys[i];
    if (!alphanumeric(k.key) || k.key.ends_with("Label")) return false;  // so no <key>Label collides with a key
    if (!k.label.empty() && (!alphanumeric(k.label) || k.label.size() > 128)) return false;  // 128: flex labels
    if (k.limit != cef_time && k.limit < truncation_marker.size()) return false;
    for (size_t j = 0; j < i; ++j)
      if (cef_extension_keys[j].key == k.key || cef_extension_keys[j].source == k.source) return false;
  }
  const CefKey &last = cef_extension_keys.back();
  return last.source == Field::updated && !last.label.empty();
}
static_assert(well_formed(), "CEF keys: alphanumeric, unique, one per field, labels short, limits hold the marker");

}  // namespace cef_mapping_checks

}  // namespace defender
