#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "alert_model.h"
#include "random.h"

namespace sim {

struct GeneratorConfig {
  std::uint64_t seed = 1;
  std::string tenant_guid;
};

enum class AlertAge {
  History,      // anywhere in its life: new, in progress or resolved, created some time before its last update
  JustCreated,  // created at `last_update`, status new
};

// The incident the generator puts alert number `index` in: consecutive alerts share one, one or two to an incident.
std::string incident_of(std::uint64_t index);

// The incident's page in the Defender portal, as alerts and incidents link to it.
std::string incident_web_url(std::string_view incident_id, std::string_view tenant_guid);

// Alert number `index` of the seed: everything but the timestamps depends only on (seed, index, age); the
// timestamps are laid out backwards from `last_update`.
Alert generate_alert(const GeneratorConfig &config, std::uint64_t index, Ticks last_update, AlertAge age);

// The initial alerts' update times: spread over [start - history, start - 1 s], with 0-7 fractional digits.
Ticks initial_update_time(std::uint64_t seed, std::uint64_t index, Ticks start, std::int64_t history_seconds);

// How a resolved alert was judged.
struct Verdict {
  std::string classification;  // truePositive, falsePositive, informationalExpectedActivity
  std::string determination;
};
Verdict pick_verdict(Rng &rng);

// Keeps 0-7 fractional digits of t, weighted like the services (mostly 7, often 3, sometimes fewer).
Ticks random_precision(Rng &rng, Ticks t);

}  // namespace sim
