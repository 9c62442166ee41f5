#pragma once

#include "api_gate.h"
#include "control_api.h"
#include "foreign_origin.h"
#include "graph_alerts.h"
#include "http_message.h"
#include "incidents_api.h"
#include "mde_alerts_api.h"
#include "siem_api.h"
#include "token_endpoint.h"

namespace sim {

struct AlertApis {
  GraphAlertsApi &graph;
  MdeAlertsApi &alerts;
  SiemApi &siem;
  IncidentsApi &incidents;
};

// Maps a request to the service that would answer it at Microsoft (login host, Graph, the Defender for Endpoint
// API host, the SIEM exporter host), or to /_sim. One path, /api/alerts, is two services: which one is decided by
// the token's audience, as the hosts would (a SIEM token gets the SIEM API; anything else the alerts API, which
// refuses what is not its own).
class Router {
 public:
  Router(TokenEndpoint &tokens, const TokenService &token_service, ApiGate &gate, AlertApis apis, ControlApi &control,
         ForeignOrigin &foreign);

  HttpResponse route(const HttpRequest &request);
  // A request to the foreign origin: recorded, then answered like one to this origin, but for /_sim (control stays
  // on the main origin).
  HttpResponse route_foreign(const HttpRequest &request);

 private:
  AlertApi &api_alerts_for(const HttpRequest &request);

  TokenEndpoint &tokens_;
  const TokenService &token_service_;
  ApiGate &gate_;
  AlertApis apis_;
  ControlApi &control_;
  ForeignOrigin &foreign_;
};

}  // namespace sim
