#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fault_plan.h"
#include "settings.h"

namespace sim {

struct Options {
  std::uint16_t listen_port = 0;
  std::string tls_dir;
  std::string cert_file;
  std::string key_file;
  std::string ready_file;
  std::string ledger_file;
  std::string incident_ledger_file;

  std::string tenant = "contoso.onmicrosoft.com";
  std::string tenant_guid = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c";
  std::string client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  std::string client_secret = "sim-secret";
  std::string client_certificate;

  std::size_t alerts = 1000;
  std::uint64_t seed = 1;
  std::int64_t history_seconds = 86400;
  std::int64_t token_lifetime_seconds = 3599;
  std::size_t max_page_size = 1000;
  std::size_t alerts_page_size = 10'000;

  Settings hazards;               // --tie-size, --feed-rate, ...: checked, applied at start
  Settings fault_settings;        // --budgets, --budget-*, --token-max-age, --graph-roles, --expand-alerts-fault,
                                  // --hostile-answer*
  std::vector<FaultRule> faults;  // --fault, in order

  std::optional<std::uint16_t> foreign_port;  // --foreign-port: the foreign origin's listener, when given
  Settings foreign_settings;                  // --next-link-origin

  std::size_t max_connections = 256;
  int idle_timeout_seconds = 60;
};

struct ParsedOptions {
  std::optional<Options> options;  // empty: exit with exit_code (after --help or an error)
  int exit_code = 0;
};

ParsedOptions parse_options(int argc, char **argv);

}  // namespace sim
