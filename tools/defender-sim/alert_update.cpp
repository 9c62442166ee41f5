#include "alert_update.h"

#include "alert_catalog.h"
#include "alert_generator.h"

namespace sim {

void apply_update(Alert &a, std::uint64_t seed, std::uint64_t index, std::size_t number, Ticks at) {
  Rng rng(mix_seed(seed ^ 0xDA7E0000ULL, index * 4096 + number));
  const std::string analyst(rng.pick(analysts()));
  a.last_update = at;
  if (a.status == "new") {
    a.status = "inProgress";
    if (!a.assigned_to) a.assigned_to = analyst;
    if (!a.classification) {
      a.classification = "unknown";
      a.determination = "unknown";
    }
  } else if (a.status == "inProgress") {
    Verdict v = pick_verdict(rng);
    a.status = "resolved";
    a.classification = std::move(v.classification);
    a.determination = std::move(v.determination);
    a.resolved = at;
  } else {
    a.assigned_to = analyst;
  }
  if (rng.chance(60))
    a.comments.push_back({std::string(rng.pick(comment_texts())), a.assigned_to.value_or("Automation"), at});
}

}  // namespace sim
