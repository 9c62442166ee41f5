#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "event_plan.h"

namespace streamsim {

// What is bounded, and why: the mock broker keeps every message in memory.
inline constexpr std::uint64_t kMostRecords = 5'000'000;
inline constexpr int kMostPartitions = 64;
inline constexpr std::size_t kMostRecordsPerEvent = 5000;

struct Options {
  bool dump = false;

  // Serving a run.
  std::string ready_file;
  std::string ledger_file;
  int brokers = 1;
  std::string compression = "zstd";
  PlanSettings plan;
  // Hubs the broker says do not exist (otherwise the mock cluster creates any hub a consumer subscribes to).
  std::vector<std::string> missing_hubs;

  // --dump: reading a hub back.
  std::string bootstrap_servers;
  std::string hub;
  int timeout_seconds = 60;
};

struct ParsedOptions {
  std::optional<Options> options;  // empty: exit with exit_code (after --help or an error)
  int exit_code = 0;
};

ParsedOptions parse_options(int argc, char **argv);

}  // namespace streamsim
