#include "fault_settings.h"

#include <functional>
#include <vector>

#include "json_writer.h"
#include "number_text.h"

namespace sim {
namespace {

using Change = std::function<void(const FaultSwitches &)>;

struct Changes {
  std::vector<Change> changes;
  std::optional<std::string> error;
};

Changes parse(const Settings &settings) {
  Changes out;
  for (const auto &[name, value] : settings) {
    const auto bad = "invalid value '" + value + "' for " + name;
    if (name == "budgets") {
      const auto on = parse_switch(value);
      if (!on) return {{}, bad};
      out.changes.emplace_back([on = *on](const FaultSwitches &f) { f.budgets.set_enabled(on); });
    } else if (name.starts_with("budget-") && api_named(std::string_view(name).substr(7))) {
      const Api api = *api_named(std::string_view(name).substr(7));
      auto windows = parse_budget(value);
      if (!windows) return {{}, bad + " (expected N/SECONDS[,N/SECONDS] or none)"};
      out.changes.emplace_back([api, w = *windows](const FaultSwitches &f) { f.budgets.set_windows(api, w); });
    } else if (name == "token-max-age") {
      std::optional<Ticks> age;
      if (value != "none") {
        const auto seconds = parse_decimal(value, 0, 86'400);
        if (!seconds) return {{}, bad};
        age = static_cast<Ticks>(*seconds * kTicksPerSecond);
      }
      out.changes.emplace_back([age](const FaultSwitches &f) { f.tokens.set_max_age(age); });
    } else if (name == "graph-roles") {
      auto roles = parse_roles(value);
      if (!roles) return {{}, bad + " (expected ROLE[+ROLE...] or none)"};
      out.changes.emplace_back([r = *roles](const FaultSwitches &f) { f.tokens.set_graph_roles(r); });
    } else if (name == "expand-alerts-fault") {
      std::optional<std::size_t> limit;
      if (value != "none") {
        limit = parse_number<std::size_t>(value, 0, 1'000'000);
        if (!limit) return {{}, bad + " (expected a number of incidents or none)"};
      }
      out.changes.emplace_back([limit](const FaultSwitches &f) { f.expand_alerts.set(limit); });
    } else if (is_hostile_setting(name)) {
      HostileConfig scratch;
      if (auto error = apply_hostile_setting(scratch, name, value)) return {{}, std::move(error)};
      out.changes.emplace_back([name, value](const FaultSwitches &f) {
        HostileConfig config = f.hostile.config();
        apply_hostile_setting(config, name, value);
        f.hostile.set(std::move(config));
      });
    } else {
      return {{},
              "unknown fault setting '" + name +
                  "' (budgets, budget-graph, budget-alerts, budget-siem, budget-incidents, token-max-age, "
                  "graph-roles, expand-alerts-fault, hostile-answers, "
                  "hostile-answer-rate, hostile-answer-targets; or a rule with kind)"};
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> apply_fault_settings(const Settings &settings, const FaultSwitches &switches) {
  const Changes parsed = parse(settings);
  if (parsed.error) return parsed.error;
  for (const auto &change : parsed.changes) change(switches);
  return std::nullopt;
}

std::optional<std::string> check_fault_settings(const Settings &settings) { return parse(settings).error; }

std::string fault_settings_json(const FaultSwitches &switches) {
  JsonWriter w;
  w.begin_object();
  w.key("budgets").str(switches.budgets.enabled() ? "on" : "off");
  for (const Api api : kApis)
    w.key("budget-" + std::string(api_name(api))).str(budget_text(switches.budgets.windows(api)));
  w.key("token-max-age");
  const auto age = switches.tokens.max_age();
  age ? w.number(static_cast<double>(*age) / kTicksPerSecond) : w.null();
  w.key("graph-roles").str(roles_text(switches.tokens.graph_roles()));
  w.key("expand-alerts-fault");
  const auto limit = switches.expand_alerts.limit();
  limit ? w.integer(static_cast<std::int64_t>(*limit)) : w.null();
  std::string json = w.take();  // unclosed: the hostile answer settings join the object
  std::string hostile = switches.hostile.settings_json();
  hostile.front() = ',';
  return json + hostile;
}

}  // namespace sim
