#pragma once

#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "alert_generator.h"
#include "alert_store.h"
#include "incident_model.h"
#include "incident_store.h"

namespace sim {

enum class MergeCheck {
  Ok,
  Unknown,  // one of the two is not an incident
  Same,     // an incident cannot be merged into itself
  Closed,   // one of them is resolved or already redirected: the service merges open incidents only
};

// A merge the service decided: `source` goes into `target`.
struct Merge {
  std::string source;
  std::string target;
};

// Which alerts make up which incident, and every incident's current state. It opens incidents for new alerts,
// applies analysts' updates and the service's merges, and hands each new version to the incident store. The feed
// drives it, so that alerts and incidents change together and in time order.
class IncidentBook {
 public:
  IncidentBook(GeneratorConfig config, const AlertStore &alerts, IncidentStore &store);

  // The incidents of the initial alerts, visible when the alerts are.
  void open_history(std::span<const Scheduled> alerts);
  // Where an alert the generator put in incident `id` goes: there, or where that incident was merged into.
  std::string route(const std::string &id) const;
  // New alerts (already routed) join their incidents, or open new ones; each incident changed gets one version,
  // visible when the last of its new alerts is.
  std::vector<ScheduledIncident> join(std::span<const Scheduled> alerts);
  // The next own update of incident `id`, made at `at`; nullopt for an unknown or redirected incident.
  std::optional<ScheduledIncident> update(const std::string &id, Ticks at, Ticks visible_at);

  MergeCheck check_merge(const std::string &source, const std::string &target) const;
  std::vector<std::string> alerts_of(const std::string &id) const;
  // Redirects `source` into `target`, whose alerts (their new versions already in the alert store) join it: the two
  // new versions. The caller checked the merge.
  std::vector<ScheduledIncident> merge(const Merge &merge, Ticks at, Ticks visible_at);

  // Up to n distinct incidents that can be updated (not redirected), drawn at random.
  std::vector<std::string> random_updatable(Rng &rng, std::size_t n) const;
  // Up to n merges of distinct open incidents, drawn at random; the older incident of each pair is the target.
  std::vector<Merge> random_merges(Rng &rng, std::size_t n) const;

 private:
  // The current versions of an incident's alerts; caller holds mutex_.
  std::vector<VersionPtr> alerts_in(const Incident &incident) const;
  Incident *find(const std::string &id);  // caller holds mutex_
  const Incident *find(const std::string &id) const;
  static bool is_open(const Incident &incident);

  GeneratorConfig config_;
  const AlertStore &alerts_;
  IncidentStore &store_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Incident> incidents_;
  std::vector<std::string> ids_;  // in the order they were opened, for random draws
};

}  // namespace sim
