#include "fault_settings.h"

#include <functional>
#include <vector>

#include "json_writer.h"
#include "number_text.h"

namespace sim {
namespace {

using Change = std::function<void(Budgets&, TokenService&)>;

struct Changes {
  std::vector<Change> changes;
  std::optional<std::string> error;
};

Changes parse(const Settings& settings) {
  Changes out;
  for (const auto& [name, value] : settings) {
    const auto bad = "invalid value '" + value + "' for " + name;
    if (name == "budgets") {
      const auto on = parse_switch(value);
      if (!on) return {{}, bad};
      out.changes.emplace_back([on = *on](Budgets& b, TokenService&) { b.set_enabled(on); });
    } else if (name.starts_with("budget-") && api_named(std::string_view(name).substr(7))) {
      const Api api = *api_named(std::string_view(name).substr(7));
      auto windows = parse_budget(value);
      if (!windows) return {{}, bad + " (expected N/SECONDS[,N/SECONDS] or none)"};
      out.changes.emplace_back([api, w = *windows](Budgets& b, TokenService&) { b.set_windows(api, w); });
    } else if (name == "token-max-age") {
      std::optional<Ticks> age;
      if (value != "none") {
        const auto seconds = parse_decimal(value, 0, 86'400);
        if (!seconds) return {{}, bad};
        age = static_cast<Ticks>(*seconds * kTicksPerSecond);
      }
      out.changes.emplace_back([age](Budgets&, TokenService& t) { t.set_max_age(age); });
    } else {
      return {{}, "unknown fault setting '" + name +
                      "' (budgets, budget-graph, budget-alerts, budget-siem, token-max-age; or a rule with kind)"};
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> apply_fault_settings(const Settings& settings, Budgets& budgets, TokenService& tokens) {
  const Changes parsed = parse(settings);
  if (parsed.error) return parsed.error;
  for (const auto& change : parsed.changes) change(budgets, tokens);
  return std::nullopt;
}

std::optional<std::string> check_fault_settings(const Settings& settings) { return parse(settings).error; }

std::string fault_settings_json(const Budgets& budgets, const TokenService& tokens) {
  JsonWriter w;
  w.begin_object();
  w.key("budgets").str(budgets.enabled() ? "on" : "off");
  for (const Api api : kApis) w.key("budget-" + std::string(api_name(api))).str(budget_text(budgets.windows(api)));
  w.key("token-max-age");
  const auto age = tokens.max_age();
  age ? w.number(static_cast<double>(*age) / kTicksPerSecond) : w.null();
  w.end_object();
  return w.take();
}

}  // namespace sim
