#pragma once

#include <cstddef>

#include "alert_store.h"
#include "http_message.h"
#include "sim_stats.h"
#include "token_service.h"

namespace sim {

// GET /v1.0/security/alerts_v2: bearer token check, OData options, pages built from the versions' cached JSON,
// offset-based @odata.nextLink (as opaque as Graph's), optional gzip.
class GraphAlertsApi {
 public:
  GraphAlertsApi(AlertStore& store, const TokenService& tokens, SimStats& stats, std::size_t max_page_size);

  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse respond(const HttpRequest& request, bool gzip, std::size_t& alerts_served);

  AlertStore& store_;
  const TokenService& tokens_;
  SimStats& stats_;
  std::size_t max_page_size_;
};

}  // namespace sim
