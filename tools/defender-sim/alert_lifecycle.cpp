#include "alert_lifecycle.h"

#include "alert_update.h"
#include "hostile_text.h"

namespace sim {

namespace {

void set_incident(Alert &a, const std::string &incident_id) {
  a.incident_id = incident_id;
  a.incident_web_url = incident_web_url(incident_id, a.tenant_id);
}

}  // namespace

Alert build_alert(const GeneratorConfig &config, const Lifecycle &life) {
  Alert a = generate_alert(config, life.index, life.origin, life.age);
  if (life.hostile) make_hostile(a, config.seed, life.index);
  if (life.incident) set_incident(a, *life.incident);
  std::size_t moved = 0;
  const auto move_until = [&](std::size_t updates) {
    for (; moved < life.moves.size() && life.moves[moved].after <= updates; ++moved) {
      set_incident(a, life.moves[moved].incident_id);
      a.last_update = life.moves[moved].at;
    }
  };
  for (std::size_t i = 0; i < life.updates.size(); ++i) {
    move_until(i);
    apply_update(a, config.seed, life.index, i, life.updates[i]);
  }
  move_until(life.updates.size());
  return a;
}

}  // namespace sim
