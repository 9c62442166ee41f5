// /_sim/faults, /_sim/hazards and /_sim/foreign: the switches, read and changed at run time in the command line's
// vocabulary.
#include "control_api.h"
#include "control_responses.h"
#include "fault_settings.h"

namespace sim {

FaultSwitches ControlApi::fault_switches() const {
  return {sim_.budgets, sim_.tokens, sim_.hostile, sim_.expand_alerts};
}

HttpResponse ControlApi::faults_state() const {
  std::string body = fault_settings_json(fault_switches());
  body.pop_back();  // '}': the rules and the log go in the same object
  body += ",\"rules\":" + sim_.faults.rules_json() + ",\"applied\":" + sim_.faults.applied_json() + '}';
  return json_response(200, std::move(body));
}

// POST: one object or an array of them; an object with "kind" adds a fault rule, one without sets fault settings.
// Everything is checked before anything changes.
HttpResponse ControlApi::faults(const HttpRequest &request) {
  if (request.method == "DELETE") {
    sim_.faults.clear();
    return faults_state();
  }
  if (request.method == "GET") return faults_state();
  const SettingsListParse parsed = parse_json_objects(request.body);
  if (!parsed.list) return control_error(400, parsed.error);
  std::vector<FaultRule> rules;
  std::vector<const Settings *> settings;
  for (const auto &item : *parsed.list) {
    if (find_param(item, "kind")) {
      FaultRuleParse rule = parse_fault(item);
      if (!rule.rule) return control_error(400, rule.error);
      rules.push_back(*rule.rule);
    } else {
      if (const auto error = check_fault_settings(item)) return control_error(400, *error);
      settings.push_back(&item);
    }
  }
  for (const auto *s : settings) apply_fault_settings(*s, fault_switches());
  for (const auto &r : rules) sim_.faults.add(r);
  return faults_state();
}

HttpResponse ControlApi::hazards(const HttpRequest &request) {
  if (request.method == "POST") {
    const SettingsParse parsed = parse_json_object(request.body);
    if (!parsed.settings) return control_error(400, parsed.error);
    if (const auto error = sim_.hazards.apply(*parsed.settings)) return control_error(400, *error);
  }
  return json_response(200, hazards_json(sim_.hazards.get()));
}

HttpResponse ControlApi::foreign(const HttpRequest &request) {
  if (request.method == "POST") {
    const SettingsParse parsed = parse_json_object(request.body);
    if (!parsed.settings) return control_error(400, parsed.error);
    if (const auto error = sim_.foreign.apply(*parsed.settings)) return control_error(400, *error);
  }
  return json_response(200, sim_.foreign.json());
}

}  // namespace sim
