#include "apis/alert_api.h"

#include "transport/http_client.h"

namespace defender {

std::optional<Instant> paging_time_of(const Record &record, PagingTime paging) {
  return paging == PagingTime::updated ? std::optional<Instant>(updated_of(record)) : created_of(record);
}

std::string time_filter(std::string_view property, const PageRequest &request, std::string_view extra) {
  const std::string name(property);
  std::string filter = extra.empty() ? std::string() : "(" + std::string(extra) + ") and ";
  if (request.single_instant) return filter + name + " eq " + format_instant(request.from);
  return filter + name + " ge " + format_instant(request.from) + " and " + name + " lt " +
         format_instant(request.until);
}

ODataSettings odata_settings(const Options &options, const Endpoints &endpoints) {
  return ODataSettings{endpoints.alerts_url, options.filter,
                       options.emit_updates ? PagingTime::updated : PagingTime::created, effective_page_size(options)};
}

size_t odata_max_page_items(const ODataSettings &odata) { return 2 * static_cast<size_t>(odata.page_size) + 16; }

std::string odata_page_query(std::string_view property, const PageRequest &request, std::string_view extra,
                             const HttpClient &http) {
  std::string query =
      "$filter=" + http.escape(time_filter(property, request, extra)) + "&$top=" + std::to_string(request.top);
  if (request.skip > 0) query += "&$skip=" + std::to_string(request.skip);
  return query;
}

std::string graph_page_url(const ODataSettings &odata, const PageRequest &request, const HttpClient &http,
                           std::string_view expand) {
  if (!request.next_link.empty()) return request.next_link;
  const std::string property = odata.paging == PagingTime::updated ? "lastUpdateDateTime" : "createdDateTime";
  std::string url = odata.alerts_url + "?" + odata_page_query(property, request, odata.filter, http) +
                    "&$orderby=" + http.escape(property + " asc");
  if (!expand.empty()) url.append("&").append(expand);
  return url;
}

std::vector<std::string> graph_request_headers() {
  return {"Accept: application/json", "Prefer: include-unknown-enum-members"};
}

std::unique_ptr<AlertApi> make_alert_api(const Options &options, const Endpoints &endpoints) {
  switch (options.api) {
    case Api::graph:
      return make_graph_alerts_api(options, endpoints);
    case Api::alerts:
      return make_mde_alerts_api(options, endpoints);
    case Api::siem:
      return make_siem_api(options, endpoints);
    case Api::incidents:
      return make_incidents_api(options, endpoints);
  }
  return make_graph_alerts_api(options, endpoints);
}

}  // namespace defender
