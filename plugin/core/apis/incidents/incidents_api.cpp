#include "apis/alert_api.h"
#include "apis/incidents/incident_adapter.h"
#include "apis/window_reader.h"
#include "transport/http_client.h"

namespace defender {
namespace {

// Microsoft Graph security incidents: paged like alerts_v2 (filtered and ordered on the paging time, nextLink
// followed inside an instant), in pages of at most 50 (docs/microsoft-apis.md, "Incidents").
class IncidentsApi final : public AlertApi {
 public:
  IncidentsApi(const Options &options, const Endpoints &endpoints)
      : odata_(odata_settings(options, endpoints)),
        alerts_(options.expand_alerts.value_or(false), OptionalPart{"$expand=alerts", "expand-alerts(no)"}) {}

  std::unique_ptr<WindowPlan> plan_window(Instant from, Instant until) override {
    return std::make_unique<WindowReader>(from, until, odata_.page_size, true);
  }

  std::string page_url(const PageRequest &request, const HttpClient &http) const override {
    return graph_page_url(odata_, request, http, alerts_.asking() ? "$expand=alerts" : "");
  }

  std::vector<std::string> request_headers() const override { return graph_request_headers(); }

  std::optional<Record> adapt(const rapidjson::Value &object) const override { return adapt_incident(object); }
  PagingTime paging_time() const override { return odata_.paging; }
  size_t max_page_items() const override { return odata_max_page_items(odata_); }

  std::string_view permission_advice() const override {
    return "grant the app registration the Microsoft Graph application permission SecurityIncident.Read.All and an "
           "admin consent";
  }

  // Large tenants' incidents with many alerts make $expand=alerts fail with 500 or time out for good
  // (docs/delivery-hazards.md, "An expansion the service cannot serve"): such a window is read without the alerts
  // rather than never.
  std::optional<OptionalPart> drop_optional_part() override { return alerts_.drop(); }
  void restore_optional_parts() override { alerts_.restore(); }

 private:
  ODataSettings odata_;
  OptionalExpansion alerts_;
};

}  // namespace

std::unique_ptr<AlertApi> make_incidents_api(const Options &options, const Endpoints &endpoints) {
  return std::make_unique<IncidentsApi>(options, endpoints);
}

}  // namespace defender
