#include "incidents_api.h"

#include "bad_alert.h"
#include "filter_schemas.h"
#include "graph_errors.h"
#include "next_link.h"
#include "odata_query.h"
#include "url.h"

namespace sim {
namespace {

constexpr std::string_view kContext = "https://graph.microsoft.com/v1.0/$metadata#security/incidents";
constexpr std::string_view kContentType =
    "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
constexpr std::string_view kPath = "/v1.0/security/incidents";

const GraphQuerySyntax &incident_syntax() {
  static const GraphQuerySyntax syntax{incident_filter_schema(), true};
  return syntax;
}

// The id of /v1.0/security/incidents/{id}; empty for the list.
std::string incident_id_in(const std::string &path) {
  if (path.size() <= kPath.size() + 1) return {};
  std::string id = percent_decode(std::string_view(path).substr(kPath.size() + 1), false).value_or("");
  if (!id.empty() && id.back() == '/') id.pop_back();
  return id;
}

HttpResponse expand_failure(const GraphRequestIds &ids) { return graph_error(500, "InternalServerError", "", ids); }

ApiAnswer page_answer(std::string body, const GraphRequestIds &ids) {
  ApiAnswer answer;
  HttpResponse &r = answer.response;
  r.set_header("Content-Type", std::string(kContentType));
  add_graph_headers(r, ids);
  r.body = std::move(body);
  return answer;
}

}  // namespace

IncidentsApi::IncidentsApi(IncidentStore &incidents, AlertStore &alerts, const ExpandAlertsFault &expand_fault,
                           const ForeignOrigin &foreign)
    : incidents_(incidents), alerts_(alerts), expand_fault_(expand_fault), foreign_(foreign) {}

std::string IncidentsApi::item_json(const IncidentVersion &incident, bool with_alerts) const {
  if (!with_alerts) return incident.json;
  std::string json = incident.json;
  json.pop_back();  // '}': the alerts are its last member
  json += ",\"alerts\":[";
  bool first = true;
  for (const auto &id : incident.alert_ids) {
    const VersionPtr alert = alerts_.current(id);
    if (!alert) continue;
    if (!first) json += ',';
    json += alert->graph_json;
    first = false;
  }
  return json + "]}";
}

ApiAnswer IncidentsApi::serve(const HttpRequest &request, const ServeContext &context) {
  const GraphRequestIds ids = graph_request_ids(request);
  const auto params = parse_params(request.query);
  if (!params) return {graph_error(400, "BadRequest", "The query string is not correctly percent-encoded.", ids)};
  GraphQueryParse parsed = parse_graph_query(*params, incident_syntax());
  if (!parsed.query) return {graph_error(400, "BadRequest", parsed.error, ids)};
  const GraphQuery &q = *parsed.query;
  incidents_.publish_due(context.now);
  alerts_.publish_due(context.now);
  if (const std::string id = incident_id_in(request.path); !id.empty()) {
    const IncidentPtr incident = incidents_.current(id);
    if (!incident) return {graph_error(404, "NotFound", "No incident with the id '" + id + "' was found.", ids)};
    if (q.expand_alerts && expand_fault_.hits(1)) {
      ApiAnswer answer{expand_failure(ids)};
      answer.fault = "expand-alerts";
      return answer;
    }
    std::string body = "{\"@odata.context\":\"" + std::string(kContext) + "/$entity\",";
    body += item_json(*incident, q.expand_alerts).substr(1);
    ApiAnswer answer = page_answer(std::move(body), ids);
    answer.alerts_served = 1;
    return answer;
  }
  if (q.top && *q.top > kMaxTop) {
    return {graph_error(400, "BadRequest",
                        "The limit of '" + std::to_string(kMaxTop) +
                            "' for Top query has been exceeded. The value from the incoming request is '" +
                            std::to_string(*q.top) + "'.",
                        ids)};
  }

  const std::size_t limit = q.top.value_or(kMaxTop);
  StoreQuery sq;
  sq.filter = q.filter ? &*q.filter : nullptr;
  sq.order_field = q.order_field;
  sq.descending = q.descending;
  sq.offset = q.offset;
  sq.limit = limit;
  sq.want_total = q.count;
  const IncidentResult result = incidents_.query(sq);
  if (q.expand_alerts && expand_fault_.hits(result.items.size())) {
    ApiAnswer answer{expand_failure(ids)};
    answer.fault = "expand-alerts";
    return answer;
  }

  std::string body = "{\"@odata.context\":\"" + std::string(kContext) + (q.expand_alerts ? "(alerts())" : "") + "\",";
  if (q.count) body += "\"@odata.count\":" + std::to_string(result.total) + ',';
  body += "\"value\":[";
  const std::size_t broken = broken_index(context.broken, result.items.size());
  std::string broken_id;
  for (std::size_t i = 0; i < result.items.size(); ++i) {
    if (i) body += ',';
    const std::string json = item_json(*result.items[i], q.expand_alerts);
    if (i == broken) {
      body += break_alert(json, context.broken, "displayName");
      broken_id = result.items[i]->id;
    } else {
      body += json;
    }
  }
  body += ']';
  // $top=0 asks for no items; a next link would then never advance.
  if (result.more && limit > 0) {
    body += ",\"@odata.nextLink\":\"" +
            next_link(request, q.carried, "$skiptoken=" + encode_skiptoken(q.offset + result.items.size()),
                      foreign_.link_authority()) +
            '"';
  }
  body += '}';
  ApiAnswer answer = page_answer(std::move(body), ids);
  answer.broken_alert = std::move(broken_id);
  answer.alerts_served = result.items.size();
  return answer;
}

}  // namespace sim
