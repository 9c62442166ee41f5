#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "timestamp.h"
#include "url.h"

namespace sim {

// The query of one SIEM API request (docs/microsoft-apis.md, "SIEM API"): a window on LastProcessedTimeUtc,
// since <= t < until; sinceTimeUtc defaults to two hours ago and untilTimeUtc to now; ago=<ISO 8601 duration> means
// (now - ago)..now. limit keeps the NEWEST records of the window. machinegroups (repeatable), DeviceCreatedMachineTags
// and CloudCreatedMachineTags select records by device. Names are case-insensitive, as ASP.NET binds them.
struct SiemQuery {
  Ticks since = 0;
  Ticks until = 0;
  std::optional<std::size_t> limit;
  std::vector<std::string> machine_groups;
  std::optional<std::string> device_tag;
  std::optional<std::string> cloud_tag;
};

struct SiemQueryParse {
  std::optional<SiemQuery> query;
  std::string error;
};

SiemQueryParse parse_siem_query(const Params &params, Ticks now);

// "2016-09-12T00:00:00.000" as the examples write it (no zone: UTC), or with 'Z' or an offset; 0-7 digits.
std::optional<Ticks> parse_siem_time(std::string_view text);

// PnW, PnD, PTnH, PTnM, PTn[.n]S and their combinations ("P1DT2H", "PT10M", "PT0.5S"); no years or months.
std::optional<Ticks> parse_iso8601_duration(std::string_view text);

}  // namespace sim
