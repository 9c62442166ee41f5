#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace sim {

// The APIs the simulator serves behind its gate; their names in stats, the ledger, budgets and fault rules.
enum class Api { Graph, Alerts, Siem, Incidents };

// Every API: fault rules, budgets, the request log.
inline constexpr std::array<Api, 4> kApis = {Api::Graph, Api::Alerts, Api::Siem, Api::Incidents};
// The three that serve alerts: the alert ledger's "apis" and the stats' byApi.
inline constexpr std::array<Api, 3> kAlertApis = {Api::Graph, Api::Alerts, Api::Siem};

constexpr std::string_view api_name(Api api) {
  switch (api) {
    case Api::Graph:
      return "graph";
    case Api::Alerts:
      return "alerts";
    case Api::Siem:
      return "siem";
    case Api::Incidents:
      return "incidents";
  }
  return "";
}

constexpr std::optional<Api> api_named(std::string_view name) {
  for (const Api a : kApis)
    if (api_name(a) == name) return a;
  return std::nullopt;
}

// Graph's APIs (alerts_v2 and incidents) share its host, its tokens and its error shape.
constexpr bool is_graph(Api api) { return api == Api::Graph || api == Api::Incidents; }

}  // namespace sim
