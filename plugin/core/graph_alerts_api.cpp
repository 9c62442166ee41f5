#include "alert_api.h"
#include "graph_adapter.h"
#include "http_client.h"

namespace defender {

std::string time_filter(std::string_view property, const PageRequest &request) {
  const std::string name(property);
  if (request.single_instant) return name + " eq " + format_instant(request.from);
  return name + " ge " + format_instant(request.from) + " and " + name + " lt " + format_instant(request.until);
}

std::string GraphAlertsApi::page_url(const PageRequest &request, const HttpClient &http) const {
  if (!request.next_link.empty()) return request.next_link;
  std::string url = alerts_url_ + "?$filter=" + http.escape(time_filter("lastUpdateDateTime", request)) +
                    "&$orderby=" + http.escape("lastUpdateDateTime asc") + "&$top=" + std::to_string(request.top);
  if (request.skip > 0) url += "&$skip=" + std::to_string(request.skip);
  return url;
}

std::vector<std::string> GraphAlertsApi::request_headers() const {
  // Without the Prefer header Graph hides enum values added after v1.0 (e.g. newer serviceSource values).
  return {"Accept: application/json", "Prefer: include-unknown-enum-members"};
}

std::optional<Alert> GraphAlertsApi::adapt(const rapidjson::Value &object) const { return adapt_graph_alert(object); }

std::string_view GraphAlertsApi::permission_advice() const {
  return "grant the app registration the Microsoft Graph application permission SecurityAlert.Read.All and an "
         "admin consent";
}

}  // namespace defender
