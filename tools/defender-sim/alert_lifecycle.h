#pragma once

#include <cstdint>
#include <vector>

#include "alert_generator.h"

namespace sim {

// Everything needed to rebuild one version of an alert: the generator's index and age, the time the generator laid
// the alert out from (its first version's lastUpdateDateTime), whether it carries hostile strings, and the time of
// each update since. A few numbers instead of the whole alert, so that updating an alert does not require keeping
// every alert's model in memory.
struct Lifecycle {
  std::uint64_t index = 0;
  AlertAge age = AlertAge::History;
  Ticks origin = 0;
  bool hostile = false;
  std::vector<Ticks> updates;

  bool first_version() const { return updates.empty(); }
};

Alert build_alert(const GeneratorConfig &config, const Lifecycle &life);

}  // namespace sim
