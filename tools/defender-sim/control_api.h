#pragma once

#include "alert_feed.h"
#include "alert_store.h"
#include "budgets.h"
#include "fault_plan.h"
#include "fault_settings.h"
#include "foreign_origin.h"
#include "hazards.h"
#include "http_message.h"
#include "incident_book.h"
#include "incident_store.h"
#include "served_cursor.h"
#include "sim_stats.h"
#include "token_service.h"
#include "url.h"

namespace sim {

// The parts of the simulator the control endpoints look into and drive.
struct Simulation {
  AlertStore &store;
  AlertFeed &feed;
  const SimStats &stats;
  HazardSettings &hazards;
  FaultPlan &faults;
  Budgets &budgets;
  TokenService &tokens;
  ServedCursor &cursor;
  HostileAnswers &hostile;
  ForeignOrigin &foreign;
  IncidentStore &incidents;
  IncidentBook &book;
  ExpandAlertsFault &expand_alerts;
};

// /_sim/...: what tests use to look inside the simulator and to drive it while a client runs (no auth; loopback
// only like the rest). The endpoints are listed in --help.
class ControlApi {
 public:
  explicit ControlApi(Simulation sim);

  HttpResponse handle(const HttpRequest &request);

 private:
  // control_api.cpp
  HttpResponse stats() const;
  // control_data.cpp
  HttpResponse ledger(const Params &params) const;
  HttpResponse requests(const Params &params) const;
  // control_drive.cpp
  HttpResponse add_alerts(const Params &params);
  HttpResponse mutate(const Params &params);
  HttpResponse revoke_tokens();
  // control_incidents.cpp
  HttpResponse incidents_state() const;
  HttpResponse incident_ledger(const Params &params) const;
  HttpResponse update_incidents(const Params &params);
  HttpResponse merge_incidents(const Params &params);
  // control_settings.cpp
  HttpResponse faults(const HttpRequest &request);
  HttpResponse hazards(const HttpRequest &request);
  HttpResponse foreign(const HttpRequest &request);
  HttpResponse faults_state() const;
  FaultSwitches fault_switches() const;

  Simulation sim_;
};

}  // namespace sim
