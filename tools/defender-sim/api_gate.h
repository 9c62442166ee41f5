#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "budgets.h"
#include "fault_plan.h"
#include "hostile_answers.h"
#include "http_message.h"
#include "sim_stats.h"
#include "token_service.h"

namespace sim {

// What an API answered to an authorized request.
struct ApiAnswer {
  ApiAnswer() = default;
  ApiAnswer(HttpResponse r) : response(std::move(r)) {}  // implicit: an error response is a whole answer

  HttpResponse response;
  std::size_t alerts_served = 0;       // the incidents API: incidents served
  std::string broken_alert;            // the alert a bad-alert fault broke
  std::string fault;                   // a fault the API applied itself (expand-alerts), for the fault log
  std::optional<HostileKind> hostile;  // sent instead of the page or the error body
};

// What the gate lets the API know about one request.
struct ServeContext {
  Ticks now = 0;
  bool gzip = false;                   // the API may compress the page itself (Graph does, from cached segments)
  FaultMode broken = FaultMode::None;  // bad-alert: break the middle alert of the page this way
};

// What differs from one API to the next (the alert APIs, Graph's incidents): the answer to a request that passed
// the gate.
class AlertApi {
 public:
  virtual ~AlertApi() = default;
  virtual Api kind() const = 0;
  virtual ApiAnswer serve(const HttpRequest &request, const ServeContext &context) = 0;
};

// Every API request passes here, in this order: the method, the token and its app roles, the request budget, the
// faults in force, a hostile answer instead of the page; then the API answers; then a hostile body instead of an
// error's, the transport faults, gzip, and the stats. Budgets and faults only see authorized requests (the services'
// throttling is per app), and a request the budget refuses leaves the faults for the next one. Hostile answers go
// out as they are made: never compressed again, never cut.
class ApiGate {
 public:
  ApiGate(const TokenService &tokens, FaultPlan &faults, Budgets &budgets, HostileAnswers &hostile, SimStats &stats);

  HttpResponse handle(AlertApi &api, const HttpRequest &request);

 private:
  // Sets `transport` when a fault that changes how the answer travels hit the request.
  ApiAnswer respond(AlertApi &api, const HttpRequest &request, Ticks now, bool gzip,
                    std::optional<FaultRule> &transport);

  const TokenService &tokens_;
  FaultPlan &faults_;
  Budgets &budgets_;
  HostileAnswers &hostile_;
  SimStats &stats_;
};

// The token of an "Authorization: Bearer" header; empty when there is none.
std::string_view bearer_token(const HttpRequest &request);

}  // namespace sim
