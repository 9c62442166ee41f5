#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace sim {

// The three alert APIs the simulator serves; their names in stats, the ledger and fault rules.
enum class Api { Graph, Alerts, Siem };

inline constexpr std::array<Api, 3> kApis = {Api::Graph, Api::Alerts, Api::Siem};

constexpr std::string_view api_name(Api api) {
  switch (api) {
    case Api::Graph:
      return "graph";
    case Api::Alerts:
      return "alerts";
    case Api::Siem:
      return "siem";
  }
  return "";
}

constexpr std::optional<Api> api_named(std::string_view name) {
  for (const Api a : kApis)
    if (api_name(a) == name) return a;
  return std::nullopt;
}

}  // namespace sim
