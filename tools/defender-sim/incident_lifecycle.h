#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "alert_generator.h"
#include "alert_version.h"
#include "incident_model.h"

namespace sim {

// How incidents come to be and change: made from the alerts the generator put together, joined by new alerts,
// updated by analysts, merged into one another. Every draw depends only on (seed, incident number, update number),
// like the alerts', so the same seed and the same events give the same incidents.

// Who the service names for changes it makes itself (correlation, merges).
inline constexpr std::string_view kAutomation = "Automation";

// The incident `id` made of `alerts` (not empty). history: it has lived as long as they have, and its status, owner
// and verdict follow theirs; its last update is its newest alert's. Otherwise it is new: active and unassigned,
// created and updated when its first alert was.
Incident open_incident(const GeneratorConfig &config, const std::string &id, std::span<const VersionPtr> alerts,
                       bool history);

// What follows the alerts: severity (the highest of theirs), name, summary, system tags, priority score.
void follow_alerts(Incident &incident, std::span<const VersionPtr> alerts, std::uint64_t seed);

// The incident's next own update, made at `at`: what analysts do to an incident — an active one is taken into work
// and assigned, one in progress is resolved with a verdict and a resolving comment, a resolved one is reassigned —
// and often a comment.
void apply_incident_update(Incident &incident, std::uint64_t seed, Ticks at);

// Merged into `target` at `at`: redirected there, without alerts (they moved to the target), tagged Redirected.
void redirect_incident(Incident &source, const std::string &target, Ticks at);

}  // namespace sim
