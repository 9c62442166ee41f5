#include "filter_schemas.h"

#include "mde_enums.h"

namespace sim {
namespace {

constexpr Spelling kServiceSources[] = {{"unknown", "unknown"},
                                        {"microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint"},
                                        {"microsoftDefenderForIdentity", "microsoftDefenderForIdentity"},
                                        {"microsoftDefenderForCloudApps", "microsoftDefenderForCloudApps"},
                                        {"microsoftDefenderForOffice365", "microsoftDefenderForOffice365"},
                                        {"microsoft365Defender", "microsoft365Defender"},
                                        {"azureAdIdentityProtection", "azureAdIdentityProtection"},
                                        {"microsoftAppGovernance", "microsoftAppGovernance"},
                                        {"dataLossPrevention", "dataLossPrevention"},
                                        {"unknownFutureValue", "unknownFutureValue"},
                                        {"microsoftDefenderForCloud", "microsoftDefenderForCloud"}};
constexpr Spelling kSeverities[] = {{"unknown", "unknown"}, {"informational", "informational"},
                                    {"low", "low"},         {"medium", "medium"},
                                    {"high", "high"},       {"unknownFutureValue", "unknownFutureValue"}};
constexpr Spelling kStatuses[] = {{"unknown", "unknown"},
                                  {"new", "new"},
                                  {"inProgress", "inProgress"},
                                  {"resolved", "resolved"},
                                  {"unknownFutureValue", "unknownFutureValue"}};
constexpr Spelling kClassifications[] = {{"unknown", "unknown"},
                                         {"falsePositive", "falsePositive"},
                                         {"truePositive", "truePositive"},
                                         {"informationalExpectedActivity", "informationalExpectedActivity"},
                                         {"unknownFutureValue", "unknownFutureValue"}};
constexpr Spelling kDeterminations[] = {{"unknown", "unknown"},
                                        {"apt", "apt"},
                                        {"malware", "malware"},
                                        {"securityPersonnel", "securityPersonnel"},
                                        {"securityTesting", "securityTesting"},
                                        {"unwantedSoftware", "unwantedSoftware"},
                                        {"other", "other"},
                                        {"multiStagedAttack", "multiStagedAttack"},
                                        {"compromisedUser", "compromisedUser"},
                                        {"phishing", "phishing"},
                                        {"maliciousUserActivity", "maliciousUserActivity"},
                                        {"clean", "clean"},
                                        {"insufficientData", "insufficientData"},
                                        {"confirmedUserActivity", "confirmedUserActivity"},
                                        {"lineOfBusinessApplication", "lineOfBusinessApplication"},
                                        {"unknownFutureValue", "unknownFutureValue"}};

const FilterPropertyInfo kGraphProperties[] = {
    {"lastUpdateDateTime", FilterProperty::LastUpdateDateTime, true, {}, false},
    {"createdDateTime", FilterProperty::CreatedDateTime, true, {}, false},
    {"serviceSource", FilterProperty::ServiceSource, false, kServiceSources, true},
    {"severity", FilterProperty::Severity, false, kSeverities, true},
    {"status", FilterProperty::Status, false, kStatuses, true},
    {"classification", FilterProperty::Classification, false, kClassifications, true},
    {"determination", FilterProperty::Determination, false, kDeterminations, true},
    {"assignedTo", FilterProperty::AssignedTo, false, {}, false},
};

constexpr std::string_view kGraphUnfilterable[] = {"actorDisplayName",
                                                   "alertWebUrl",
                                                   "category",
                                                   "comments",
                                                   "description",
                                                   "detectionSource",
                                                   "detectorId",
                                                   "evidence",
                                                   "firstActivityDateTime",
                                                   "id",
                                                   "incidentId",
                                                   "incidentWebUrl",
                                                   "lastActivityDateTime",
                                                   "mitreTechniques",
                                                   "providerAlertId",
                                                   "recommendedActions",
                                                   "resolvedDateTime",
                                                   "tenantId",
                                                   "threatDisplayName",
                                                   "threatFamilyName",
                                                   "title",
                                                   "systemTags",
                                                   "investigationState",
                                                   "productName"};

constexpr Spelling kIncidentStatuses[] = {{"active", "active"},
                                          {"resolved", "resolved"},
                                          {"inProgress", "inProgress"},
                                          {"redirected", "redirected"},
                                          {"unknownFutureValue", "unknownFutureValue"},
                                          {"awaitingAction", "awaitingAction"}};

const FilterPropertyInfo kIncidentProperties[] = {
    {"lastUpdateDateTime", FilterProperty::LastUpdateDateTime, true, {}, false},
    {"createdDateTime", FilterProperty::CreatedDateTime, true, {}, false},
    {"severity", FilterProperty::Severity, false, kSeverities, true},
    {"status", FilterProperty::Status, false, kIncidentStatuses, true},
    {"classification", FilterProperty::Classification, false, kClassifications, true},
    {"determination", FilterProperty::Determination, false, kDeterminations, true},
    {"assignedTo", FilterProperty::AssignedTo, false, {}, false},
};

constexpr std::string_view kIncidentUnfilterable[] = {"id",
                                                      "tenantId",
                                                      "displayName",
                                                      "description",
                                                      "summary",
                                                      "incidentWebUrl",
                                                      "redirectIncidentId",
                                                      "customTags",
                                                      "systemTags",
                                                      "comments",
                                                      "lastModifiedBy",
                                                      "resolvingComment",
                                                      "priorityScore",
                                                      "alerts"};

// detectionSource is a string in that API (docs/microsoft-apis.md, "Defender for Endpoint alerts API"): a value the
// simulator does not know matches nothing.
const FilterPropertyInfo kMdeProperties[] = {
    {"lastUpdateTime", FilterProperty::LastUpdateDateTime, true, {}, false},
    {"alertCreationTime", FilterProperty::CreatedDateTime, true, {}, false},
    {"status", FilterProperty::Status, false, mde_statuses(), true},
    {"severity", FilterProperty::Severity, false, mde_severities(), true},
    {"category", FilterProperty::Category, false, {}, false},
    {"detectionSource", FilterProperty::DetectionSource, false, mde_detection_sources(), false},
    {"assignedTo", FilterProperty::AssignedTo, false, {}, false},
};

// id, incidentId, investigationId and lastEventTime are filterable at Microsoft (docs/microsoft-apis.md,
// "Defender for Endpoint alerts API") but not simulated.
constexpr std::string_view kMdeUnfilterable[] = {"id",
                                                 "incidentId",
                                                 "investigationId",
                                                 "lastEventTime",
                                                 "title",
                                                 "description",
                                                 "firstEventTime",
                                                 "resolvedTime",
                                                 "investigationState",
                                                 "classification",
                                                 "determination",
                                                 "detectorId",
                                                 "threatFamilyName",
                                                 "threatName",
                                                 "machineId",
                                                 "computerDnsName",
                                                 "rbacGroupName",
                                                 "aadTenantId",
                                                 "mitreTechniques",
                                                 "relatedUser",
                                                 "comments",
                                                 "evidence"};

}  // namespace

const FilterSchema &graph_filter_schema() {
  static const FilterSchema schema{"microsoft.graph.security.alert", kGraphProperties, kGraphUnfilterable};
  return schema;
}

const FilterSchema &incident_filter_schema() {
  static const FilterSchema schema{"microsoft.graph.security.incident", kIncidentProperties, kIncidentUnfilterable};
  return schema;
}

const FilterSchema &mde_filter_schema() {
  static const FilterSchema schema{"Microsoft.WindowsDefenderATP.Api.Alert", kMdeProperties, kMdeUnfilterable};
  return schema;
}

}  // namespace sim
