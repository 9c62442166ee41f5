#pragma once

#include <array>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_kind.h"
#include "timestamp.h"

namespace sim {

// At most `limit` calls in any `length` (a sliding window).
struct BudgetWindow {
  std::size_t limit = 0;
  Ticks length = 0;
};

// "100/60,1500/3600" (calls/seconds, comma-separated) or "none".
std::optional<std::vector<BudgetWindow>> parse_budget(std::string_view text);
std::string budget_text(const std::vector<BudgetWindow> &windows);

// The documented request budgets, enforced per API as real throttling (the simulator has one app in one tenant, so
// per API is per app+tenant; docs/microsoft-apis.md, "Request budgets"): the alerts API 100 calls a minute and 1,500 an
// hour; Graph's alert operations 150 a minute; the SIEM API none (none is documented); Graph's incidents, for which
// no figure is published, the same 150 a minute as its alerts, counted apart. Graph keeps counting calls it
// refuses (docs/microsoft-apis.md, "Throttling and Retry-After"); the alerts API answers them with 429 without counting
// them. On by default, since a client that overruns them is wrong; switchable and resizable for tests.
class Budgets {
 public:
  Budgets();

  // Counts a call; nullopt when it is within budget, else how long until it would be (for Retry-After).
  std::optional<Ticks> admit(Api api, Ticks now);

  void set_enabled(bool enabled);
  bool enabled() const;
  void set_windows(Api api, std::vector<BudgetWindow> windows);
  std::vector<BudgetWindow> windows(Api api) const;

 private:
  struct Ledger {
    std::vector<BudgetWindow> windows;
    bool count_refused = false;
    std::deque<Ticks> calls;  // ascending; only as far back as the longest window
  };
  mutable std::mutex mutex_;
  bool enabled_ = true;
  std::array<Ledger, kApis.size()> apis_;
};

}  // namespace sim
