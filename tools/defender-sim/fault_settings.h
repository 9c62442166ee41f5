#pragma once

#include <optional>
#include <string>

#include "budgets.h"
#include "expand_fault.h"
#include "hostile_answers.h"
#include "settings.h"
#include "token_service.h"

namespace sim {

// What the fault settings switch.
struct FaultSwitches {
  Budgets &budgets;
  TokenService &tokens;
  HostileAnswers &hostile;
  ExpandAlertsFault &expand_alerts;
};

// The fault switches that are settings rather than rules, the same on the command line and in POST /_sim/faults:
//   budgets=on|off                          enforce the request budgets (on by default)
//   budget-graph / budget-alerts / budget-siem = "N/SECONDS[,N/SECONDS]" or "none"
//   token-max-age=SECONDS|none              tokens die this long after issue, whatever expires_in said
//   graph-roles=ROLE[+ROLE...]|none         the Graph permissions tokens issued from now on carry
//   expand-alerts-fault=N|none              incidents' $expand=alerts fails for pages of more than N (expand_fault.h)
//   hostile-answers, hostile-answer-rate, hostile-answer-targets (hostile_answers.h)
// All or nothing: on an error nothing changes.
std::optional<std::string> apply_fault_settings(const Settings &settings, const FaultSwitches &switches);

// Checks without changing anything.
std::optional<std::string> check_fault_settings(const Settings &settings);

// {"budgets": "on", "budget-graph": "150/60", ..., "token-max-age": null, "graph-roles": "...",
//  "expand-alerts-fault": null, "hostile-answers": "none", ...}
std::string fault_settings_json(const FaultSwitches &switches);

}  // namespace sim
