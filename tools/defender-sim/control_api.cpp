#include "control_api.h"

#include <charconv>

#include "json_writer.h"
#include "ledger_file.h"
#include "url.h"

namespace sim {
namespace {

constexpr std::size_t kMaxNewAlerts = 100'000;

HttpResponse json_response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.set_header("Content-Type", "application/json; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  r.body = std::move(body);
  return r;
}

HttpResponse control_error(int status, std::string_view message) {
  JsonWriter w;
  w.begin_object();
  w.key("error").str(message);
  w.end_object();
  return json_response(status, w.take());
}

std::optional<std::size_t> size_param(const HttpRequest& request, std::string_view name, std::size_t fallback) {
  const auto params = parse_params(request.query);
  if (!params) return std::nullopt;
  const std::string* v = find_param(*params, name);
  if (!v) return fallback;
  std::size_t n = 0;
  const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc{} || p != v->data() + v->size()) return std::nullopt;
  return n;
}

}  // namespace

ControlApi::ControlApi(AlertStore& store, AlertFeed& feed, const SimStats& stats)
    : store_(store), feed_(feed), stats_(stats) {}

HttpResponse ControlApi::handle(const HttpRequest& request) {
  store_.publish_due(now_ticks());
  const std::string path = request.path;
  const auto allow = [&](std::string_view method) -> std::optional<HttpResponse> {
    if (request.method == method) return std::nullopt;
    HttpResponse r = control_error(405, "use " + std::string(method));
    r.set_header("Allow", std::string(method));
    return r;
  };
  if (path == "/_sim/stats") {
    if (auto r = allow("GET")) return *r;
    return stats();
  }
  if (path == "/_sim/alerts") {
    if (auto r = allow("POST")) return *r;
    return add_alerts(request);
  }
  if (path == "/_sim/ledger") {
    if (auto r = allow("GET")) return *r;
    return ledger(request);
  }
  return control_error(404, "unknown control endpoint " + path);
}

HttpResponse ControlApi::stats() const {
  const SimStats::Snapshot s = stats_.snapshot();
  JsonWriter w;
  w.begin_object();
  w.key("tokenRequests").begin_object();
  w.key("total").integer(static_cast<std::int64_t>(s.token_requests));
  w.key("byOutcome").begin_object();
  for (const auto& [outcome, n] : s.token_by_outcome) w.key(outcome).integer(static_cast<std::int64_t>(n));
  w.end_object();
  w.end_object();
  w.key("apiRequests").begin_object();
  w.key("total").integer(static_cast<std::int64_t>(s.api_requests));
  w.key("byStatus").begin_object();
  for (const auto& [status, n] : s.api_by_status) w.key(std::to_string(status)).integer(static_cast<std::int64_t>(n));
  w.end_object();
  w.end_object();
  w.key("alertsServed").integer(static_cast<std::int64_t>(s.alerts_served));
  w.key("alertVersionsVisible").integer(static_cast<std::int64_t>(store_.visible_versions()));
  w.key("alerts").integer(static_cast<std::int64_t>(store_.alert_count()));
  w.key("connectionsAccepted").integer(static_cast<std::int64_t>(s.connections_accepted));
  w.end_object();
  return json_response(200, w.take());
}

HttpResponse ControlApi::add_alerts(const HttpRequest& request) {
  const auto count = size_param(request, "count", 1);
  if (!count || *count == 0 || *count > kMaxNewAlerts)
    return control_error(400, "count must be an integer from 1 to " + std::to_string(kMaxNewAlerts));
  const std::vector<VersionPtr> versions = feed_.create_now(*count);
  JsonWriter w;
  w.begin_object();
  w.key("ids").begin_array();
  for (const auto& v : versions) w.str(v->id);
  w.end_array();
  w.key("versions").begin_array();
  for (const auto& v : versions) w.raw(ledger_entry_json({v->id, v->last_update_text, v->fields.last_update}));
  w.end_array();
  w.end_object();
  return json_response(201, w.take());
}

HttpResponse ControlApi::ledger(const HttpRequest& request) const {
  const auto from = size_param(request, "from", 0);
  if (!from) return control_error(400, "from must be a non-negative integer");
  const std::vector<LedgerEntry> entries = store_.ledger(*from);
  std::string body = "[";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i) body += ',';
    body += ledger_entry_json(entries[i]);
  }
  body += ']';
  return json_response(200, std::move(body));
}

}  // namespace sim
