#pragma once

#include <cstddef>

#include "alert_store.h"
#include "api_gate.h"
#include "foreign_origin.h"
#include "served_cursor.h"

namespace sim {

// GET /api/alerts with an alerts API token: the Defender for Endpoint alerts (only those) in that API's schema,
// $filter/$top/$skip/$expand=evidence. Results come in a fixed pseudo-random order that is not time order — the
// API promises no order (docs/microsoft-apis.md, "Defender for Endpoint alerts API"), so a client must not rely on
// one — and $orderby is accepted but ignored. With $top there is never an @odata.nextLink (reported behaviour:
// docs/microsoft-apis.md, "Defender for Endpoint alerts API"); without $top the server pages at `server_page_size` and
// links the next page by $skip, as OData server-driven paging does.
class MdeAlertsApi final : public AlertApi {
 public:
  MdeAlertsApi(AlertStore &store, ServedCursor &cursor, std::size_t server_page_size, const ForeignOrigin &foreign);

  Api kind() const override { return Api::Alerts; }
  ApiAnswer serve(const HttpRequest &request, const ServeContext &context) override;

 private:
  AlertStore &store_;
  ServedCursor &cursor_;
  const ForeignOrigin &foreign_;
  std::size_t server_page_size_;
};

}  // namespace sim
