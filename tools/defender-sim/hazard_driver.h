#pragma once

#include <thread>

#include "alert_feed.h"
#include "alert_store.h"
#include "hazards.h"
#include "served_cursor.h"

namespace sim {

// The clock behind the hazards: every few milliseconds it makes due versions visible (so the ledger files are
// live), creates the alerts feed-rate asks for and updates the alerts mutation-rate asks for, in whole groups of
// tie-size, and updates and merges the incidents incident-update-rate (in groups of tie-size too) and
// incident-merge-rate ask for. Runs from construction to destruction.
class HazardDriver {
 public:
  HazardDriver(AlertFeed &feed, AlertStore &store, IncidentStore &incidents, const IncidentBook &book,
               const HazardSettings &hazards, ServedCursor &cursor);

 private:
  void run(const std::stop_token &stop);

  AlertFeed &feed_;
  AlertStore &store_;
  IncidentStore &incidents_;
  const IncidentBook &book_;
  const HazardSettings &hazards_;
  ServedCursor &cursor_;
  std::jthread thread_;  // last: started after, and stopped and joined before, the members it uses
};

}  // namespace sim
