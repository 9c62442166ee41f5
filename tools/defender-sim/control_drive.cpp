// POST /_sim/alerts, /_sim/mutate and /_sim/tokens/revoke: changes a test makes while a client runs.
#include "control_api.h"
#include "control_responses.h"
#include "json_writer.h"
#include "ledger_file.h"

namespace sim {
namespace {

HttpResponse versions_response(const std::vector<Scheduled> &versions) {
  JsonWriter w;
  w.begin_object();
  w.key("ids").begin_array();
  for (const auto &s : versions) w.str(s.version->id);
  w.end_array();
  w.key("versions").begin_array();
  for (const auto &s : versions) w.raw(scheduled_json(s));
  w.end_array();
  w.end_object();
  return json_response(201, w.take());
}

}  // namespace

HttpResponse ControlApi::add_alerts(const Params &params) {
  const auto count = size_param(params, "count", 1, kMaxBatch);
  const auto tie = size_param(params, "tie", sim_.hazards.get().tie_size, kMaxBatch);
  if (!count || *count == 0 || !tie || *tie == 0)
    return control_error(400, "count and tie must be integers from 1 to " + std::to_string(kMaxBatch));
  return versions_response(sim_.feed.create_now(*count, *tie));
}

HttpResponse ControlApi::mutate(const Params &params) {
  const Hazards h = sim_.hazards.get();
  const auto count = size_param(params, "count", 1, kMaxBatch);
  const auto tie = size_param(params, "tie", h.tie_size, kMaxBatch);
  if (!count || *count == 0 || !tie || *tie == 0)
    return control_error(400, "count and tie must be integers from 1 to " + std::to_string(kMaxBatch));
  std::vector<std::string> ids = all_params(params, "id");
  if (ids.empty()) {
    Hazards target = h;
    if (const std::string *t = find_param(params, "target")) {
      if (const auto error = apply_hazard(target, "mutation-target", *t)) return control_error(400, *error);
    }
    std::optional<Api> api;
    if (const std::string *a = find_param(params, "api")) {
      api = api_named(*a);
      if (!api || *api == Api::Incidents) return control_error(400, "api must be graph, alerts or siem");
    }
    if (target.mutation_target == MutationTarget::Random) {
      Rng rng(entropy_rng().next());
      ids = sim_.store.random_ids(rng, *count);
    } else {
      ids = sim_.cursor.take(api, target.mutation_target == MutationTarget::Served, *count);
    }
  }
  return versions_response(sim_.feed.update_now(ids, *tie));
}

HttpResponse ControlApi::revoke_tokens() {
  sim_.tokens.revoke_all(now_ticks());
  return json_response(200, "{\"revoked\":true}");
}

}  // namespace sim
