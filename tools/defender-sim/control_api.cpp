#include "control_api.h"

#include <functional>

#include "control_responses.h"
#include "json_writer.h"

namespace sim {
namespace {

void write_counts(JsonWriter &w, const SimStats::ApiCounts &c) {
  w.key("total").integer(static_cast<std::int64_t>(c.total));
  w.key("byStatus").begin_object();
  for (const auto &[status, n] : c.by_status) w.key(std::to_string(status)).integer(static_cast<std::int64_t>(n));
  w.end_object();
}

void write_counts(JsonWriter &w, const SimStats::TokenCounts &c) {
  w.key("total").integer(static_cast<std::int64_t>(c.total));
  w.key("byOutcome").begin_object();
  for (const auto &[outcome, n] : c.by_outcome) w.key(outcome).integer(static_cast<std::int64_t>(n));
  w.end_object();
}

}  // namespace

ControlApi::ControlApi(Simulation sim) : sim_(sim) {}

HttpResponse ControlApi::handle(const HttpRequest &request) {
  sim_.store.publish_due(now_ticks());
  sim_.incidents.publish_due(now_ticks());
  const auto params = control_params(request);
  if (!params) return control_error(400, "the query string is not correctly percent-encoded");
  struct Route {
    std::string_view path;
    std::string_view methods;  // comma-separated, as in Allow
    std::function<HttpResponse()> run;
  };
  const Route routes[] = {
      {"/_sim/stats", "GET", [&] { return stats(); }},
      {"/_sim/ledger", "GET", [&] { return ledger(*params); }},
      {"/_sim/requests", "GET", [&] { return requests(*params); }},
      {"/_sim/alerts", "POST", [&] { return add_alerts(*params); }},
      {"/_sim/mutate", "POST", [&] { return mutate(*params); }},
      {"/_sim/tokens/revoke", "POST", [&] { return revoke_tokens(); }},
      {"/_sim/faults", "GET, POST, DELETE", [&] { return faults(request); }},
      {"/_sim/hazards", "GET, POST", [&] { return hazards(request); }},
      {"/_sim/foreign", "GET, POST", [&] { return foreign(request); }},
      {"/_sim/incidents", "GET", [&] { return incidents_state(); }},
      {"/_sim/incidents/ledger", "GET", [&] { return incident_ledger(*params); }},
      {"/_sim/incidents/update", "POST", [&] { return update_incidents(*params); }},
      {"/_sim/incidents/merge", "POST", [&] { return merge_incidents(*params); }},
  };
  for (const auto &route : routes) {
    if (request.path != route.path) continue;
    for (std::string_view m = route.methods; !m.empty();) {
      const auto comma = m.find(',');
      if (m.substr(0, comma) == request.method) return route.run();
      m = comma == std::string_view::npos ? std::string_view{} : m.substr(comma + 2);
    }
    HttpResponse r = control_error(405, "use " + std::string(route.methods));
    r.set_header("Allow", std::string(route.methods));
    return r;
  }
  return control_error(404, "unknown control endpoint " + request.path);
}

HttpResponse ControlApi::stats() const {
  const SimStats::Snapshot s = sim_.stats.snapshot();
  JsonWriter w;
  w.begin_object();
  w.key("tokenRequests").begin_object();
  write_counts(w, s.tokens);
  w.key("byVersion").begin_object();
  for (const auto &[version, counts] : s.tokens_by_version) {
    w.key(version).begin_object();
    write_counts(w, counts);
    w.end_object();
  }
  w.end_object();
  w.end_object();
  w.key("apiRequests").begin_object();
  write_counts(w, s.api);
  w.key("byApi").begin_object();
  for (const Api api : kAlertApis) {
    const auto &c = s.by_api[static_cast<std::size_t>(api)];
    w.key(api_name(api)).begin_object();
    write_counts(w, c);
    w.key("alertsServed").integer(static_cast<std::int64_t>(c.alerts_served));
    w.end_object();
  }
  w.end_object();
  w.end_object();
  w.key("alertsServed").integer(static_cast<std::int64_t>(s.api.alerts_served));
  w.key("alertVersionsVisible").integer(static_cast<std::int64_t>(sim_.store.visible_versions()));
  w.key("alerts").integer(static_cast<std::int64_t>(sim_.store.alert_count()));
  w.key("connectionsAccepted").integer(static_cast<std::int64_t>(s.connections_accepted));
  w.key("hostileAnswers").raw(sim_.hostile.counts_json());
  const ForeignOrigin::Counts foreign = sim_.foreign.counts();
  w.key("foreignOrigin").begin_object();
  w.key("requests").integer(static_cast<std::int64_t>(foreign.requests));
  w.key("withAuthorization").integer(static_cast<std::int64_t>(foreign.with_authorization));
  w.end_object();
  w.end_object();
  return json_response(200, w.take());
}

}  // namespace sim
