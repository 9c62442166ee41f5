#include "siem_query.h"

#include "number_text.h"

namespace sim {
namespace {

// sinceTimeUtc's default: the last 2 hours (docs/microsoft-apis.md, "SIEM API").
constexpr Ticks kDefaultWindow = 2 * 3600 * kTicksPerSecond;

}  // namespace

std::optional<Ticks> parse_siem_time(std::string_view text) {
  if (const auto t = parse_iso8601(text)) return t;
  return parse_iso8601(std::string(text) + 'Z');
}

std::optional<Ticks> parse_iso8601_duration(std::string_view text) {
  if (!text.starts_with('P') || text.size() < 3) return std::nullopt;
  text.remove_prefix(1);
  bool in_time = false;
  bool any = false;
  Ticks total = 0;
  while (!text.empty()) {
    if (text.front() == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      text.remove_prefix(1);
      continue;
    }
    const auto unit_at = text.find_first_not_of("0123456789.");
    if (unit_at == 0 || unit_at == std::string_view::npos) return std::nullopt;
    const auto amount = parse_decimal(text.substr(0, unit_at), 0, 1e9);
    if (!amount) return std::nullopt;
    double seconds_per_unit = 0;
    switch (text[unit_at]) {
      case 'W':
        seconds_per_unit = in_time ? 0 : 7 * 86400;
        break;
      case 'D':
        seconds_per_unit = in_time ? 0 : 86400;
        break;
      case 'H':
        seconds_per_unit = in_time ? 3600 : 0;
        break;
      case 'M':
        seconds_per_unit = in_time ? 60 : 0;
        break;  // months (before T) are not a fixed length
      case 'S':
        seconds_per_unit = in_time ? 1 : 0;
        break;
      default:
        return std::nullopt;
    }
    if (seconds_per_unit == 0) return std::nullopt;
    total += static_cast<Ticks>(*amount * seconds_per_unit * kTicksPerSecond);
    any = true;
    text.remove_prefix(unit_at + 1);
  }
  if (!any) return std::nullopt;
  return total;
}

SiemQueryParse parse_siem_query(const Params &params, Ticks now) {
  SiemQuery q;
  std::optional<Ticks> since;
  std::optional<Ticks> until;
  std::optional<Ticks> ago;
  const auto bad = [](const std::string &name, const std::string &value) {
    return SiemQueryParse{std::nullopt, "The value '" + value + "' is not valid for " + name + "."};
  };
  for (const auto &[name, value] : params) {
    if (iequals(name, "sinceTimeUtc")) {
      if (!(since = parse_siem_time(value))) return bad(name, value);
    } else if (iequals(name, "untilTimeUtc")) {
      if (!(until = parse_siem_time(value))) return bad(name, value);
    } else if (iequals(name, "ago")) {
      if (!(ago = parse_iso8601_duration(value))) return bad(name, value);
    } else if (iequals(name, "limit")) {
      if (!(q.limit = parse_number<std::size_t>(value, 0, SIZE_MAX))) return bad(name, value);
    } else if (iequals(name, "machinegroups")) {
      q.machine_groups.push_back(value);
    } else if (iequals(name, "DeviceCreatedMachineTags")) {
      q.device_tag = value;
    } else if (iequals(name, "CloudCreatedMachineTags")) {
      q.cloud_tag = value;
    }
  }
  // Microsoft does not say whether ago combines with the explicit bounds (docs/microsoft-apis.md, "SIEM API"); the
  // simulator refuses the ambiguity.
  if (ago && (since || until)) return {std::nullopt, "Use either ago or sinceTimeUtc/untilTimeUtc, not both."};
  q.until = until.value_or(now);
  q.since = ago ? now - *ago : since.value_or(now - kDefaultWindow);
  return {std::move(q), {}};
}

}  // namespace sim
