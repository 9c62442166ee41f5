#pragma once

#include "alert_store.h"
#include "api_gate.h"

namespace sim {

// GET /api/alerts with a SIEM token (resource https://graph.windows.net or WDATPAlertExport): a bare JSON array of
// detection records for a window on LastProcessedTimeUtc, no paging, in ascending LastProcessedTimeUtc; `limit`
// silently drops all but the newest (docs/microsoft-apis.md, "SIEM API").
class SiemApi final : public AlertApi {
 public:
  explicit SiemApi(AlertStore &store);

  Api kind() const override { return Api::Siem; }
  ApiAnswer serve(const HttpRequest &request, const ServeContext &context) override;

 private:
  AlertStore &store_;
};

}  // namespace sim
