#include "apis/alert_api.h"
#include "apis/mde/mde_adapter.h"
#include "apis/window_reader.h"
#include "transport/http_client.h"

namespace defender {
namespace {

class MdeAlertsApi final : public AlertApi {
 public:
  MdeAlertsApi(const Options &options, const Endpoints &endpoints)
      : odata_(odata_settings(options, endpoints)),
        evidence_(options.expand_evidence.value_or(true), OptionalPart{"$expand=evidence", "expand-evidence(no)"}) {}

  // The API documents no order (docs/delivery-hazards.md, "Order is not promised"): every full page is split, never
  // continued.
  std::unique_ptr<WindowPlan> plan_window(Instant from, Instant until) override {
    return std::make_unique<WindowReader>(from, until, odata_.page_size, false);
  }

  // $skip only inside one instant; a nextLink is not relied on, since the API omits it whenever $top is given.
  std::string page_url(const PageRequest &request, const HttpClient &http) const override {
    const std::string property = odata_.paging == PagingTime::updated ? "lastUpdateTime" : "alertCreationTime";
    std::string url = odata_.alerts_url + "?" + odata_page_query(property, request, odata_.filter, http);
    if (evidence_.asking()) url += "&$expand=evidence";
    return url;
  }

  std::vector<std::string> request_headers() const override { return {"Accept: application/json"}; }
  std::optional<Record> adapt(const rapidjson::Value &object) const override { return adapt_mde_alert(object); }
  PagingTime paging_time() const override { return odata_.paging; }
  size_t max_page_items() const override { return odata_max_page_items(odata_); }

  std::string_view permission_advice() const override {
    return "grant the app registration the WindowsDefenderATP application permission Alert.Read.All (API "
           "permissions > APIs my organization uses > WindowsDefenderATP) and an admin consent";
  }

  // A tenant whose evidence the service cannot expand answers 500 for ever (docs/delivery-hazards.md,
  // "An expansion the service cannot serve"): such a window is read without evidence rather than never.
  std::optional<OptionalPart> drop_optional_part() override { return evidence_.drop(); }
  void restore_optional_parts() override { evidence_.restore(); }

 private:
  ODataSettings odata_;
  OptionalExpansion evidence_;
};

}  // namespace

std::unique_ptr<AlertApi> make_mde_alerts_api(const Options &options, const Endpoints &endpoints) {
  return std::make_unique<MdeAlertsApi>(options, endpoints);
}

}  // namespace defender
