#include "mde_enums.h"

namespace sim {
namespace {

constexpr Spelling kSeverities[] = {{"UnSpecified", "unknown"},
                                    {"Informational", "informational"},
                                    {"Low", "low"},
                                    {"Medium", "medium"},
                                    {"High", "high"}};
constexpr Spelling kStatuses[] = {
    {"Unknown", "unknown"}, {"New", "new"}, {"InProgress", "inProgress"}, {"Resolved", "resolved"}};
constexpr Spelling kClassifications[] = {{"TruePositive", "truePositive"},
                                         {"InformationalExpectedActivity", "informationalExpectedActivity"},
                                         {"FalsePositive", "falsePositive"}};
constexpr Spelling kDeterminations[] = {{"MultiStagedAttack", "multiStagedAttack"},
                                        {"MaliciousUserActivity", "maliciousUserActivity"},
                                        {"CompromisedUser", "compromisedUser"},
                                        {"Malware", "malware"},
                                        {"Phishing", "phishing"},
                                        {"UnwantedSoftware", "unwantedSoftware"},
                                        {"Other", "other"},
                                        {"SecurityTesting", "securityTesting"},
                                        {"LineOfBusinessApplication", "lineOfBusinessApplication"},
                                        {"ConfirmedUserActivity", "confirmedUserActivity"},
                                        {"Clean", "clean"},
                                        {"InsufficientData", "insufficientData"},
                                        {"Apt", "apt"},
                                        {"SecurityPersonnel", "securityPersonnel"}};
constexpr Spelling kDetectionSources[] = {{"WindowsDefenderAtp", "microsoftDefenderForEndpoint"},
                                          {"WindowsDefenderAv", "antivirus"},
                                          {"CustomerTI", "customTi"},
                                          {"WindowsDefenderSmartScreen", "smartScreen"},
                                          {"AutomatedInvestigation", "automatedInvestigation"},
                                          {"CustomDetection", "customDetection"},
                                          {"Manual", "manual"}};
constexpr Spelling kDetectionStatuses[] = {
    {"Detected", "detected"}, {"Blocked", "blocked"}, {"Prevented", "prevented"}};

}  // namespace

std::span<const Spelling> mde_severities() { return kSeverities; }
std::span<const Spelling> mde_statuses() { return kStatuses; }
std::span<const Spelling> mde_classifications() { return kClassifications; }
std::span<const Spelling> mde_determinations() { return kDeterminations; }
std::span<const Spelling> mde_detection_sources() { return kDetectionSources; }
std::span<const Spelling> mde_detection_statuses() { return kDetectionStatuses; }

std::optional<std::string> to_mde(std::span<const Spelling> names, std::string_view graph) {
  for (const auto &n : names)
    if (n.stored == graph) return std::string(n.api);
  return std::nullopt;
}

std::optional<std::string> to_mde_nullable(std::span<const Spelling> names, const std::optional<std::string> &graph) {
  return graph ? to_mde(names, *graph) : std::nullopt;
}

std::string_view siem_source(std::string_view graph_detection_source) {
  if (graph_detection_source == "antivirus") return "Antivirus";
  if (graph_detection_source == "customTi") return "CustomTI";
  return "EDR";
}

}  // namespace sim
