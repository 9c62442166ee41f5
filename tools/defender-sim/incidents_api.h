#pragma once

#include <cstddef>

#include "alert_store.h"
#include "api_gate.h"
#include "expand_fault.h"
#include "foreign_origin.h"
#include "incident_store.h"

namespace sim {

// GET /v1.0/security/incidents and /v1.0/security/incidents/{id}: Graph's incidents, with the alerts_v2 OData
// options (filter on the incidents' documented properties, $orderby, $skip, $count, an opaque $skiptoken in
// @odata.nextLink), $top up to 50 (more is refused, as Graph does; 50 without $top), and $expand=alerts, which
// carries each incident's alerts as alerts_v2 serves them now. The expand-alerts fault answers $expand with 500.
class IncidentsApi final : public AlertApi {
 public:
  static constexpr std::size_t kMaxTop = 50;

  IncidentsApi(IncidentStore &incidents, AlertStore &alerts, const ExpandAlertsFault &expand_fault,
               const ForeignOrigin &foreign);

  Api kind() const override { return Api::Incidents; }
  ApiAnswer serve(const HttpRequest &request, const ServeContext &context) override;

 private:
  // The incident's JSON, with its alerts when asked.
  std::string item_json(const IncidentVersion &incident, bool with_alerts) const;

  IncidentStore &incidents_;
  AlertStore &alerts_;
  const ExpandAlertsFault &expand_fault_;
  const ForeignOrigin &foreign_;
};

}  // namespace sim
