#include "apis/alert_api.h"
#include "apis/graph/graph_adapter.h"
#include "apis/window_reader.h"
#include "transport/http_client.h"

namespace defender {
namespace {

class GraphAlertsApi final : public AlertApi {
 public:
  GraphAlertsApi(const Options &options, const Endpoints &endpoints) : odata_(odata_settings(options, endpoints)) {}

  std::unique_ptr<WindowPlan> plan_window(Instant from, Instant until) override {
    return std::make_unique<WindowReader>(from, until, odata_.page_size, true);
  }

  std::string page_url(const PageRequest &request, const HttpClient &http) const override {
    return graph_page_url(odata_, request, http);
  }

  std::vector<std::string> request_headers() const override { return graph_request_headers(); }

  std::optional<Record> adapt(const rapidjson::Value &object) const override { return adapt_graph_alert(object); }
  PagingTime paging_time() const override { return odata_.paging; }
  size_t max_page_items() const override { return odata_max_page_items(odata_); }

  std::string_view permission_advice() const override {
    return "grant the app registration the Microsoft Graph application permission SecurityAlert.Read.All and an "
           "admin consent";
  }

 private:
  ODataSettings odata_;
};

}  // namespace

std::unique_ptr<AlertApi> make_graph_alerts_api(const Options &options, const Endpoints &endpoints) {
  return std::make_unique<GraphAlertsApi>(options, endpoints);
}

}  // namespace defender
