#include "alert_lifecycle.h"

#include "alert_update.h"
#include "hostile_text.h"

namespace sim {

Alert build_alert(const GeneratorConfig &config, const Lifecycle &life) {
  Alert a = generate_alert(config, life.index, life.origin, life.age);
  if (life.hostile) make_hostile(a, config.seed, life.index);
  for (std::size_t i = 0; i < life.updates.size(); ++i) apply_update(a, config.seed, life.index, i, life.updates[i]);
  return a;
}

}  // namespace sim
