#pragma once

#include <cstddef>

#include "alert_store.h"
#include "api_gate.h"
#include "foreign_origin.h"
#include "served_cursor.h"

namespace sim {

// GET /v1.0/security/alerts_v2: OData options, pages built from the versions' cached JSON (and, with gzip, their
// cached deflate segments), an offset-based @odata.nextLink as opaque as Graph's.
class GraphAlertsApi final : public AlertApi {
 public:
  GraphAlertsApi(AlertStore &store, ServedCursor &cursor, std::size_t max_page_size, const ForeignOrigin &foreign);

  Api kind() const override { return Api::Graph; }
  ApiAnswer serve(const HttpRequest &request, const ServeContext &context) override;

 private:
  AlertStore &store_;
  ServedCursor &cursor_;
  const ForeignOrigin &foreign_;
  std::size_t max_page_size_;
};

}  // namespace sim
