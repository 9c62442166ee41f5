#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "spelling.h"

namespace sim {

// The Defender for Endpoint APIs' enum values (PascalCase) beside Graph's (camelCase); docs/microsoft-apis.md,
// "Defender for Endpoint alerts API" and "Graph alerts_v2". The store keeps Graph's spelling; the alerts and SIEM
// renderers and the alerts API's $filter translate.
std::span<const Spelling> mde_severities();       // UnSpecified, Informational, Low, Medium, High
std::span<const Spelling> mde_statuses();         // Unknown, New, InProgress, Resolved
std::span<const Spelling> mde_classifications();  // TruePositive, InformationalExpectedActivity, FalsePositive
std::span<const Spelling> mde_determinations();
std::span<const Spelling> mde_detection_sources();   // WindowsDefenderAtp, WindowsDefenderAv, CustomerTI, ...
std::span<const Spelling> mde_detection_statuses();  // Detected, Blocked, Prevented

// The Defender for Endpoint spelling of a Graph value; nullopt where that API has no such value (Graph's
// "unknown" classification is null there).
std::optional<std::string> to_mde(std::span<const Spelling> names, std::string_view graph);
std::optional<std::string> to_mde_nullable(std::span<const Spelling> names, const std::optional<std::string> &graph);

// The SIEM API's Source field for a Graph detectionSource ("EDR", "Antivirus", ...).
std::string_view siem_source(std::string_view graph_detection_source);

}  // namespace sim
