#include "incident_lifecycle.h"

#include <algorithm>
#include <array>

#include "alert_catalog.h"
#include "number_text.h"

namespace sim {
namespace {

constexpr std::uint64_t kOpenSalt = 0x1AC1DE47ULL;
constexpr std::uint64_t kUpdateSalt = 0x1AC1DE7AULL;
constexpr std::uint64_t kPrioritySalt = 0x9A1081ULL;
constexpr std::size_t kTitlesInSummary = 5;

constexpr std::array<std::string_view, 5> kCustomTags = {"VIP", "Ekonomi", "Pen test 2024", "ransomware-watch",
                                                         "Tier 1 | escalated"};

int severity_rank(std::string_view severity) {
  static constexpr std::array<std::string_view, 5> kOrder = {"unknown", "informational", "low", "medium", "high"};
  const auto it = std::find(kOrder.begin(), kOrder.end(), severity);
  return it == kOrder.end() ? 0 : static_cast<int>(it - kOrder.begin());
}

// A score in the band the service gives the severity (>85 top, 15-85 medium, <15 low), or none: the feature is off
// for some incidents. Drawn once per incident, so it moves only with the severity.
std::optional<std::int64_t> priority_score(std::uint64_t seed, std::uint64_t number, std::string_view severity) {
  Rng rng(mix_seed(seed ^ kPrioritySalt, number));
  if (rng.chance(15)) return std::nullopt;
  struct Band {
    std::int64_t lo, hi;
  };
  static constexpr std::array<Band, 5> kBands = {{{0, 14}, {0, 14}, {10, 40}, {30, 85}, {70, 100}}};
  const Band band = kBands[static_cast<std::size_t>(severity_rank(severity))];
  return band.lo + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(band.hi - band.lo + 1)));
}

template <typename T>
void add_unique(std::vector<T> &to, const T &item) {
  if (std::find(to.begin(), to.end(), item) == to.end()) to.push_back(item);
}

std::string display_name(std::span<const VersionPtr> alerts) {
  std::vector<std::string> titles;
  std::vector<std::string> categories;
  for (const auto &a : alerts) {
    add_unique(titles, a->title);
    add_unique(categories, a->fields.category);
  }
  if (titles.size() == 1) return titles.front();
  if (categories.size() == 1)
    return categories.front() + " incident involving " + std::to_string(titles.size()) + " kinds of alert";
  return "Multi-stage incident involving " + categories[0] + " & " + categories[1] +
         (categories.size() > 2 ? " and more" : "");
}

std::string summary(std::span<const VersionPtr> alerts) {
  std::string text = std::to_string(alerts.size()) + (alerts.size() == 1 ? " alert: " : " alerts: ");
  for (std::size_t i = 0; i < alerts.size() && i < kTitlesInSummary; ++i) text += (i ? "; " : "") + alerts[i]->title;
  if (alerts.size() > kTitlesInSummary) text += "; ...";
  return text + '.';
}

}  // namespace

void follow_alerts(Incident &incident, std::span<const VersionPtr> alerts, std::uint64_t seed) {
  if (alerts.empty()) return;
  const auto highest = std::max_element(alerts.begin(), alerts.end(), [](const VersionPtr &a, const VersionPtr &b) {
    return severity_rank(a->fields.severity) < severity_rank(b->fields.severity);
  });
  incident.severity = (*highest)->fields.severity;
  incident.display_name = display_name(alerts);
  incident.summary = summary(alerts);
  incident.system_tags.clear();
  for (const auto &a : alerts)
    for (const auto &tag : a->system_tags) add_unique(incident.system_tags, tag);
  incident.priority_score = priority_score(seed, incident.number, incident.severity);
}

Incident open_incident(const GeneratorConfig &config, const std::string &id, std::span<const VersionPtr> alerts,
                       bool history) {
  Incident i;
  i.id = id;
  i.number = parse_number<std::uint64_t>(id, 0, UINT64_MAX).value_or(stable_hash(id));
  i.tenant_id = config.tenant_guid;
  i.incident_web_url = incident_web_url(id, config.tenant_guid);
  Rng rng(mix_seed(config.seed ^ kOpenSalt, i.number));
  if (rng.chance(25)) i.description = std::string(rng.pick(comment_texts()));
  if (rng.chance(20)) i.custom_tags.emplace_back(rng.pick(std::span<const std::string_view>(kCustomTags)));
  i.status = "active";
  i.classification = "unknown";
  i.determination = "unknown";
  i.last_modified_by = kAutomation;
  i.created = alerts.front()->fields.created;
  i.last_update = alerts.front()->fields.last_update;
  for (const auto &a : alerts) {
    i.created = std::min(i.created, a->fields.created);
    if (history) i.last_update = std::max(i.last_update, a->fields.last_update);
  }
  if (history) {
    const auto all_resolved =
        std::all_of(alerts.begin(), alerts.end(), [](const VersionPtr &a) { return a->fields.status == "resolved"; });
    const auto any_worked =
        std::any_of(alerts.begin(), alerts.end(), [](const VersionPtr &a) { return a->fields.status != "new"; });
    if (any_worked) {
      i.status = all_resolved ? "resolved" : "inProgress";
      i.assigned_to = alerts.front()->fields.assigned_to.value_or(std::string(rng.pick(analysts())));
      i.last_modified_by = *i.assigned_to;
    }
    if (all_resolved) {
      i.classification = alerts.front()->fields.classification.value_or("unknown");
      i.determination = alerts.front()->fields.determination.value_or("unknown");
      i.resolving_comment = std::string(rng.pick(comment_texts()));
    }
  }
  follow_alerts(i, alerts, config.seed);
  for (const auto &a : alerts) i.alert_ids.push_back(a->id);
  return i;
}

void apply_incident_update(Incident &i, std::uint64_t seed, Ticks at) {
  Rng rng(mix_seed(seed ^ kUpdateSalt, i.number * 4096 + i.updates));
  const std::string analyst(rng.pick(analysts()));
  if (i.status == "active") {
    i.status = "inProgress";
    if (!i.assigned_to) i.assigned_to = analyst;
  } else if (i.status == "inProgress") {
    Verdict v = pick_verdict(rng);
    i.status = "resolved";
    i.classification = std::move(v.classification);
    i.determination = std::move(v.determination);
    i.resolving_comment = std::string(rng.pick(comment_texts()));
  } else {
    i.assigned_to = analyst;
  }
  if (rng.chance(50)) i.comments.push_back({std::string(rng.pick(comment_texts())), analyst, at});
  i.last_modified_by = analyst;
  i.last_update = at;
  ++i.updates;
}

void redirect_incident(Incident &source, const std::string &target, Ticks at) {
  source.status = "redirected";
  source.redirect_incident_id = target;
  source.alert_ids.clear();
  add_unique(source.system_tags, std::string("Redirected"));
  source.last_modified_by = kAutomation;
  source.last_update = at;
}

}  // namespace sim
