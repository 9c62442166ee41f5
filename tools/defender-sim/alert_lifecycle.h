#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alert_generator.h"

namespace sim {

// An alert leaving its incident for another (its incident was merged into that one), after `after` of its updates.
struct IncidentMove {
  std::size_t after = 0;
  Ticks at = 0;
  std::string incident_id;
};

// Everything needed to rebuild one version of an alert: the generator's index and age, the time the generator laid
// the alert out from (its first version's lastUpdateDateTime), whether it carries hostile strings, the incident it
// was created in when that is not the generator's (which had been merged into another by then), the time of each
// update since, and the incidents it moved to. A few numbers instead of the whole alert, so that updating an alert
// does not require keeping every alert's model in memory.
struct Lifecycle {
  std::uint64_t index = 0;
  AlertAge age = AlertAge::History;
  Ticks origin = 0;
  bool hostile = false;
  std::optional<std::string> incident;
  std::vector<Ticks> updates;
  std::vector<IncidentMove> moves;  // in time order, as are the updates

  bool first_version() const { return updates.empty() && moves.empty(); }
};

Alert build_alert(const GeneratorConfig &config, const Lifecycle &life);

}  // namespace sim
