#include "incident_book.h"

#include <algorithm>

#include "incident_lifecycle.h"

namespace sim {
namespace {

// The alerts of one incident among a run of versions, in order, and when the last of them is visible.
struct Group {
  std::string incident_id;
  std::vector<VersionPtr> alerts;
  Ticks at = 0;
  Ticks visible_at = 0;
};

std::vector<Group> by_incident(std::span<const Scheduled> alerts) {
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> index;
  for (const auto &s : alerts) {
    const auto [it, added] = index.try_emplace(s.version->incident_id, groups.size());
    if (added) groups.push_back({s.version->incident_id, {}, 0, 0});
    Group &g = groups[it->second];
    g.alerts.push_back(s.version);
    g.at = std::max(g.at, s.version->fields.last_update);
    g.visible_at = std::max(g.visible_at, s.visible_at);
  }
  return groups;
}

}  // namespace

IncidentBook::IncidentBook(GeneratorConfig config, const AlertStore &alerts, IncidentStore &store)
    : config_(std::move(config)), alerts_(alerts), store_(store) {}

bool IncidentBook::is_open(const Incident &incident) {
  return incident.status == "active" || incident.status == "inProgress";
}

Incident *IncidentBook::find(const std::string &id) {
  const auto it = incidents_.find(id);
  return it == incidents_.end() ? nullptr : &it->second;
}

const Incident *IncidentBook::find(const std::string &id) const {
  const auto it = incidents_.find(id);
  return it == incidents_.end() ? nullptr : &it->second;
}

std::vector<VersionPtr> IncidentBook::alerts_in(const Incident &incident) const {
  std::vector<VersionPtr> out;
  for (const auto &id : incident.alert_ids)
    if (VersionPtr v = alerts_.latest(id)) out.push_back(std::move(v));
  return out;
}

void IncidentBook::open_history(std::span<const Scheduled> alerts) {
  std::vector<ScheduledIncident> versions;
  const std::lock_guard lock(mutex_);
  for (const Group &g : by_incident(alerts)) {
    Incident &incident = incidents_[g.incident_id] = open_incident(config_, g.incident_id, g.alerts, true);
    ids_.push_back(g.incident_id);
    versions.push_back({make_incident_version(incident), g.visible_at});
  }
  store_.add(std::move(versions));
}

std::string IncidentBook::route(const std::string &id) const {
  const std::lock_guard lock(mutex_);
  std::string at = id;
  // Each merge needs an open target, so a chain ends; the bound only guards against a cycle.
  for (std::size_t hops = 0; hops <= incidents_.size(); ++hops) {
    const Incident *incident = find(at);
    if (!incident || !incident->redirect_incident_id) break;
    at = *incident->redirect_incident_id;
  }
  return at;
}

std::vector<ScheduledIncident> IncidentBook::join(std::span<const Scheduled> alerts) {
  std::vector<ScheduledIncident> versions;
  const std::lock_guard lock(mutex_);
  for (const Group &g : by_incident(alerts)) {
    Incident *incident = find(g.incident_id);
    if (!incident) {
      incident = &(incidents_[g.incident_id] = open_incident(config_, g.incident_id, g.alerts, false));
      ids_.push_back(g.incident_id);
    } else {
      for (const auto &a : g.alerts)
        if (std::find(incident->alert_ids.begin(), incident->alert_ids.end(), a->id) == incident->alert_ids.end())
          incident->alert_ids.push_back(a->id);
      follow_alerts(*incident, alerts_in(*incident), config_.seed);
      incident->last_modified_by = kAutomation;
    }
    incident->last_update = g.at;
    versions.push_back({make_incident_version(*incident), g.visible_at});
  }
  store_.add(versions);
  return versions;
}

std::optional<ScheduledIncident> IncidentBook::update(const std::string &id, Ticks at, Ticks visible_at) {
  const std::lock_guard lock(mutex_);
  Incident *incident = find(id);
  if (!incident || incident->redirect_incident_id) return std::nullopt;
  apply_incident_update(*incident, config_.seed, at);
  ScheduledIncident version{make_incident_version(*incident), visible_at};
  store_.add({version});
  return version;
}

MergeCheck IncidentBook::check_merge(const std::string &source, const std::string &target) const {
  const std::lock_guard lock(mutex_);
  const Incident *from = find(source);
  const Incident *to = find(target);
  if (!from || !to) return MergeCheck::Unknown;
  if (source == target) return MergeCheck::Same;
  if (!is_open(*from) || !is_open(*to)) return MergeCheck::Closed;
  return MergeCheck::Ok;
}

std::vector<std::string> IncidentBook::alerts_of(const std::string &id) const {
  const std::lock_guard lock(mutex_);
  const Incident *incident = find(id);
  return incident ? incident->alert_ids : std::vector<std::string>{};
}

std::vector<ScheduledIncident> IncidentBook::merge(const Merge &merge, Ticks at, Ticks visible_at) {
  const std::lock_guard lock(mutex_);
  Incident &source = *find(merge.source);
  Incident &target = *find(merge.target);
  for (const auto &id : source.alert_ids)
    if (std::find(target.alert_ids.begin(), target.alert_ids.end(), id) == target.alert_ids.end())
      target.alert_ids.push_back(id);
  for (const auto &tag : source.custom_tags)
    if (std::find(target.custom_tags.begin(), target.custom_tags.end(), tag) == target.custom_tags.end())
      target.custom_tags.push_back(tag);
  follow_alerts(target, alerts_in(target), config_.seed);
  target.last_modified_by = kAutomation;
  target.last_update = at;
  redirect_incident(source, merge.target, at);
  std::vector<ScheduledIncident> versions = {{make_incident_version(source), visible_at},
                                             {make_incident_version(target), visible_at}};
  store_.add(versions);
  return versions;
}

std::vector<std::string> IncidentBook::random_updatable(Rng &rng, std::size_t n) const {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> picked;
  // Draws with repetition and drops repeats and redirected incidents: fine while n is small against the incidents.
  for (std::size_t tries = 0; picked.size() < n && !ids_.empty() && tries < 4 * n + 16; ++tries) {
    const std::string &id = ids_[rng.below(ids_.size())];
    if (!find(id)->redirect_incident_id && std::find(picked.begin(), picked.end(), id) == picked.end())
      picked.push_back(id);
  }
  return picked;
}

std::vector<Merge> IncidentBook::random_merges(Rng &rng, std::size_t n) const {
  const std::lock_guard lock(mutex_);
  std::vector<Merge> merges;
  std::vector<std::string> used;
  const auto usable = [&](const std::string &id) {
    return is_open(*find(id)) && std::find(used.begin(), used.end(), id) == used.end();
  };
  for (std::size_t tries = 0; merges.size() < n && !ids_.empty() && tries < 8 * n + 32; ++tries) {
    const std::string &a = ids_[rng.below(ids_.size())];
    const std::string &b = ids_[rng.below(ids_.size())];
    if (a == b || !usable(a) || !usable(b)) continue;
    const bool a_older = find(a)->number < find(b)->number;
    merges.push_back({a_older ? b : a, a_older ? a : b});
    used.push_back(a);
    used.push_back(b);
  }
  return merges;
}

}  // namespace sim
