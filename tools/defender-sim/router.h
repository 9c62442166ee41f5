#pragma once

#include "control_api.h"
#include "graph_alerts.h"
#include "http_message.h"
#include "token_endpoint.h"

namespace sim {

// Maps a request to the service that would answer it at Microsoft (login host or Graph host), or to /_sim.
class Router {
 public:
  Router(TokenEndpoint& tokens, GraphAlertsApi& graph_alerts, ControlApi& control);

  HttpResponse route(const HttpRequest& request);

 private:
  TokenEndpoint& tokens_;
  GraphAlertsApi& graph_alerts_;
  ControlApi& control_;
};

}  // namespace sim
