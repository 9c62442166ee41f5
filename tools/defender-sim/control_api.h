#pragma once

#include "alert_feed.h"
#include "alert_store.h"
#include "http_message.h"
#include "sim_stats.h"

namespace sim {

// /_sim/...: what tests use to look inside the simulator and to drive it (no auth; loopback only like the rest).
class ControlApi {
 public:
  ControlApi(AlertStore& store, AlertFeed& feed, const SimStats& stats);

  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse stats() const;
  HttpResponse add_alerts(const HttpRequest& request);
  HttpResponse ledger(const HttpRequest& request) const;

  AlertStore& store_;
  AlertFeed& feed_;
  const SimStats& stats_;
};

}  // namespace sim
