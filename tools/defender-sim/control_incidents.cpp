// /_sim/incidents...: what the incidents API has served, its ledger, and the updates and merges a test makes while a
// client runs.
#include "control_api.h"
#include "control_responses.h"
#include "json_writer.h"
#include "ledger_file.h"

namespace sim {

HttpResponse ControlApi::incidents_state() const {
  const SimStats::ApiCounts counts = sim_.stats.snapshot().by_api[static_cast<std::size_t>(Api::Incidents)];
  JsonWriter w;
  w.begin_object();
  w.key("incidents").integer(static_cast<std::int64_t>(sim_.incidents.incident_count()));
  w.key("incidentVersionsVisible").integer(static_cast<std::int64_t>(sim_.incidents.visible_versions()));
  w.key("apiRequests").begin_object();
  w.key("total").integer(static_cast<std::int64_t>(counts.total));
  w.key("byStatus").begin_object();
  for (const auto &[status, n] : counts.by_status) w.key(std::to_string(status)).integer(static_cast<std::int64_t>(n));
  w.end_object();
  w.end_object();
  w.key("incidentsServed").integer(static_cast<std::int64_t>(counts.alerts_served));
  w.end_object();
  return json_response(200, w.take());
}

HttpResponse ControlApi::incident_ledger(const Params &params) const {
  const auto from = size_param(params, "from", 0, SIZE_MAX);
  const auto final_only = size_param(params, "final", 0, 1);
  if (!from || !final_only) return control_error(400, "from must be a non-negative integer and final 0 or 1");
  std::string body = "[";
  for (const auto &entry : sim_.incidents.ledger(*from, *final_only == 1)) {
    if (body.size() > 1) body += ',';
    body += incident_entry_json(entry);
  }
  body += ']';
  return json_response(200, std::move(body));
}

HttpResponse ControlApi::update_incidents(const Params &params) {
  const auto count = size_param(params, "count", 1, kMaxBatch);
  const auto tie = size_param(params, "tie", sim_.hazards.get().tie_size, kMaxBatch);
  if (!count || *count == 0 || !tie || *tie == 0)
    return control_error(400, "count and tie must be integers from 1 to " + std::to_string(kMaxBatch));
  std::vector<std::string> ids = all_params(params, "id");
  if (ids.empty()) {
    Rng rng(entropy_rng().next());
    ids = sim_.book.random_updatable(rng, *count);
  }
  JsonWriter w;
  w.begin_object();
  w.key("versions").begin_array();
  for (const auto &s : sim_.feed.update_incidents(ids, *tie)) w.raw(scheduled_json(s));
  w.end_array();
  w.end_object();
  return json_response(201, w.take());
}

HttpResponse ControlApi::merge_incidents(const Params &params) {
  const std::string *source = find_param(params, "source");
  const std::string *target = find_param(params, "target");
  std::vector<Merge> merges;
  if (source || target) {
    if (!source || !target) return control_error(400, "a merge needs both source and target");
    switch (sim_.book.check_merge(*source, *target)) {
      case MergeCheck::Ok:
        break;
      case MergeCheck::Unknown:
        return control_error(404, "no incident " + *source + " or no incident " + *target);
      case MergeCheck::Same:
        return control_error(400, "an incident cannot be merged into itself");
      case MergeCheck::Closed:
        return control_error(409, "only open incidents (active or inProgress) can be merged");
    }
    merges.push_back({*source, *target});
  } else {
    const auto count = size_param(params, "count", 1, kMaxBatch);
    if (!count || *count == 0)
      return control_error(400, "count must be an integer from 1 to " + std::to_string(kMaxBatch));
    Rng rng(entropy_rng().next());
    merges = sim_.book.random_merges(rng, *count);
  }
  const MergeResult result = sim_.feed.merge_incidents(merges);
  JsonWriter w;
  w.begin_object();
  w.key("merges").begin_array();
  for (const auto &m : result.merges) {
    w.begin_object();
    w.key("source").str(m.source);
    w.key("target").str(m.target);
    w.end_object();
  }
  w.end_array();
  w.key("incidents").begin_array();
  for (const auto &s : result.incidents) w.raw(scheduled_json(s));
  w.end_array();
  w.key("alerts").begin_array();
  for (const auto &s : result.alerts) w.raw(scheduled_json(s));
  w.end_array();
  w.end_object();
  return json_response(201, w.take());
}

}  // namespace sim
