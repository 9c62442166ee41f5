#include "hazards.h"

#include "json_writer.h"
#include "number_text.h"
#include "timestamp.h"

namespace sim {
namespace {

constexpr double kMaxRate = 100'000;
constexpr double kMaxDelaySeconds = 86'400;
constexpr double kMaxClockOffsetSeconds = 86'400 * 365;

void set_clock(const Hazards &h) { set_clock_offset(static_cast<Ticks>(h.clock_offset * kTicksPerSecond)); }

std::string_view target_name(MutationTarget t) {
  switch (t) {
    case MutationTarget::Random:
      return "random";
    case MutationTarget::Served:
      return "served";
    case MutationTarget::Unserved:
      return "unserved";
  }
  return "";
}

std::optional<std::string> bad(std::string_view name, std::string_view value, std::string_view expected) {
  return "invalid value '" + std::string(value) + "' for " + std::string(name) + ": expected " + std::string(expected);
}

}  // namespace

std::optional<std::string> apply_hazard(Hazards &h, std::string_view name, std::string_view value) {
  if (name == "tie-size") {
    const auto n = parse_number<std::size_t>(value, 1, 1'000'000);
    if (!n) return bad(name, value, "an integer from 1 to 1000000");
    h.tie_size = *n;
  } else if (name == "feed-rate" || name == "mutation-rate") {
    const auto r = parse_decimal(value, 0, kMaxRate);
    if (!r) return bad(name, value, "a number of alerts per second from 0 to 100000");
    (name == "feed-rate" ? h.feed_rate : h.mutation_rate) = *r;
  } else if (name == "incident-update-rate" || name == "incident-merge-rate") {
    const auto r = parse_decimal(value, 0, kMaxRate);
    if (!r) return bad(name, value, "a number of incidents per second from 0 to 100000");
    (name == "incident-update-rate" ? h.incident_update_rate : h.incident_merge_rate) = *r;
  } else if (name == "mutation-target") {
    if (value == "random")
      h.mutation_target = MutationTarget::Random;
    else if (value == "served")
      h.mutation_target = MutationTarget::Served;
    else if (value == "unserved")
      h.mutation_target = MutationTarget::Unserved;
    else
      return bad(name, value, "random, served or unserved");
  } else if (name == "ingestion-delay") {
    const auto d = parse_decimal(value, 0, kMaxDelaySeconds);
    if (!d) return bad(name, value, "seconds from 0 to 86400");
    h.ingestion_delay = *d;
  } else if (name == "ingestion-delay-mode") {
    if (value == "fixed")
      h.ingestion_delay_mode = DelayMode::Fixed;
    else if (value == "random")
      h.ingestion_delay_mode = DelayMode::Random;
    else
      return bad(name, value, "fixed or random");
  } else if (name == "hostile-rate") {
    const auto r = parse_decimal(value, 0, 1);
    if (!r) return bad(name, value, "a share from 0 to 1");
    h.hostile_rate = *r;
  } else if (name == "clock-offset") {
    const auto s = parse_decimal(value, -kMaxClockOffsetSeconds, kMaxClockOffsetSeconds);
    if (!s) return bad(name, value, "seconds from -31536000 to 31536000");
    h.clock_offset = *s;
  } else {
    return "unknown hazard '" + std::string(name) +
           "' (tie-size, feed-rate, mutation-rate, mutation-target, ingestion-delay, ingestion-delay-mode, "
           "hostile-rate, clock-offset, incident-update-rate, incident-merge-rate)";
  }
  return std::nullopt;
}

std::string hazards_json(const Hazards &h) {
  JsonWriter w;
  w.begin_object();
  w.key("tie-size").integer(static_cast<std::int64_t>(h.tie_size));
  w.key("feed-rate").number(h.feed_rate);
  w.key("mutation-rate").number(h.mutation_rate);
  w.key("mutation-target").str(target_name(h.mutation_target));
  w.key("ingestion-delay").number(h.ingestion_delay);
  w.key("ingestion-delay-mode").str(h.ingestion_delay_mode == DelayMode::Fixed ? "fixed" : "random");
  w.key("hostile-rate").number(h.hostile_rate);
  w.key("clock-offset").number(h.clock_offset);
  w.key("incident-update-rate").number(h.incident_update_rate);
  w.key("incident-merge-rate").number(h.incident_merge_rate);
  w.end_object();
  return w.take();
}

HazardSettings::HazardSettings(Hazards initial) : hazards_(initial) { set_clock(hazards_); }

Hazards HazardSettings::get() const {
  const std::lock_guard lock(mutex_);
  return hazards_;
}

std::optional<std::string> HazardSettings::apply(const Settings &settings) {
  const std::lock_guard lock(mutex_);
  Hazards changed = hazards_;
  for (const auto &[name, value] : settings)
    if (auto error = apply_hazard(changed, name, value)) return error;
  hazards_ = changed;
  set_clock(hazards_);
  return std::nullopt;
}

}  // namespace sim
