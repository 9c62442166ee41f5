#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "settings.h"

namespace sim {

// Which alerts a mutation updates: any visible alert, the alerts of the last page a client was served, or the
// alerts right after that page (see ServedCursor for which of these breaks which kind of offset paging).
enum class MutationTarget { Random, Served, Unserved };
enum class DelayMode { Fixed, Random };

// The delivery hazards of docs/delivery-hazards.md. Each is set by its name, the same on the command line
// (--tie-size 5) and in the control API (POST /_sim/hazards {"tie-size": 5}).
struct Hazards {
  std::size_t tie_size = 1;  // tie-size: alerts created or updated together share one exact timestamp
  double feed_rate = 0;      // feed-rate: new alerts per second
  double mutation_rate = 0;  // mutation-rate: updates of existing alerts per second
  MutationTarget mutation_target = MutationTarget::Random;  // mutation-target: random | served | unserved
  double ingestion_delay = 0;  // ingestion-delay: seconds from a version's time to when it can be queried
  DelayMode ingestion_delay_mode = DelayMode::Fixed;  // ingestion-delay-mode: fixed | random (uniform up to it)
  double hostile_rate = 0;                            // hostile-rate: share of new alerts (0-1) with hostile strings
  double clock_offset = 0;  // clock-offset: seconds the service's clock is ahead of (+) or behind (-) the host's
  double incident_update_rate = 0;  // incident-update-rate: analysts' updates of incidents per second
  double incident_merge_rate = 0;   // incident-merge-rate: merges of two open incidents per second
};

// Changes `hazards` by one named setting; an error message when the name or the value is wrong.
std::optional<std::string> apply_hazard(Hazards &hazards, std::string_view name, std::string_view value);

// {"tie-size": 1, ...} with the setting names.
std::string hazards_json(const Hazards &hazards);

// The hazards in force, shared by the feed, the driver and the control API. Applying them also sets the service's
// clock (set_clock_offset).
class HazardSettings {
 public:
  explicit HazardSettings(Hazards initial);
  Hazards get() const;
  // All or nothing: on an error nothing changes.
  std::optional<std::string> apply(const Settings &settings);

 private:
  mutable std::mutex mutex_;
  Hazards hazards_;
};

}  // namespace sim
