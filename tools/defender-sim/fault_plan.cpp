#include "fault_plan.h"

#include "json_writer.h"
#include "number_text.h"
#include "random.h"

namespace sim {
namespace {

struct ModeName {
  FaultKind kind;
  std::string_view name;
  FaultMode mode;
};

// The first mode of each kind is its default.
constexpr ModeName kModes[] = {
    {FaultKind::Truncate, "json", FaultMode::Json},
    {FaultKind::Truncate, "connection", FaultMode::Connection},
    {FaultKind::Slow, "first-byte", FaultMode::FirstByte},
    {FaultKind::Slow, "trickle", FaultMode::Trickle},
    {FaultKind::BadAlert, "malformed", FaultMode::Malformed},
    {FaultKind::BadAlert, "invalid-utf8", FaultMode::InvalidUtf8},
};

std::optional<FaultMode> mode_named(FaultKind kind, std::string_view name) {
  for (const auto &m : kModes)
    if (m.kind == kind && (name.empty() || m.name == name)) return m.mode;
  return kind == FaultKind::Status || kind == FaultKind::Reset ? std::optional{FaultMode::None} : std::nullopt;
}

std::string_view mode_name(FaultMode mode) {
  for (const auto &m : kModes)
    if (m.mode == mode) return m.name;
  return "";
}

std::optional<FaultKind> kind_named(std::string_view name, int &status) {
  for (const int s : {429, 500, 502, 503, 504}) {
    if (name == std::to_string(s)) {
      status = s;
      return FaultKind::Status;
    }
  }
  if (name == "reset") return FaultKind::Reset;
  if (name == "truncate") return FaultKind::Truncate;
  if (name == "slow") return FaultKind::Slow;
  if (name == "bad-alert") return FaultKind::BadAlert;
  return std::nullopt;
}

std::optional<ApiMask> apis_named(std::string_view text) {
  if (text == "any") return ApiMask{0xFF};
  ApiMask mask = 0;
  while (!text.empty()) {
    const auto plus = text.find('+');
    const auto api = api_named(text.substr(0, plus));
    if (!api) return std::nullopt;
    mask |= api_bit(*api);
    text = plus == std::string_view::npos ? std::string_view{} : text.substr(plus + 1);
  }
  return mask ? std::optional{mask} : std::nullopt;
}

}  // namespace

std::string fault_kind_name(const FaultRule &rule) {
  switch (rule.kind) {
    case FaultKind::Status:
      return std::to_string(rule.status);
    case FaultKind::Reset:
      return "reset";
    case FaultKind::Truncate:
      return "truncate";
    case FaultKind::Slow:
      return "slow";
    case FaultKind::BadAlert:
      return "bad-alert";
  }
  return "";
}

FaultRuleParse parse_fault(const Settings &settings) {
  FaultRule r;
  std::string mode;
  bool has_kind = false;
  const auto bad = [](const std::string &name, const std::string &value) {
    return FaultRuleParse{std::nullopt, "invalid value '" + value + "' for " + name};
  };
  for (const auto &[name, value] : settings) {
    if (name == "kind") {
      const auto kind = kind_named(value, r.status);
      if (!kind)
        return {std::nullopt,
                "unknown fault '" + value + "' (429, 500, 502, 503, 504, reset, truncate, slow, bad-alert)"};
      r.kind = *kind;
      has_kind = true;
    } else if (name == "count") {
      r.count = parse_number<std::uint64_t>(value, 1, UINT64_MAX);
      if (!r.count) return bad(name, value);
    } else if (name == "rate") {
      const auto rate = parse_decimal(value, 0, 1);
      if (!rate) return bad(name, value);
      r.rate = *rate;
    } else if (name == "api") {
      const auto apis = apis_named(value);
      if (!apis) return bad(name, value);
      r.apis = *apis;
    } else if (name == "retry-after") {
      const auto seconds = parse_number<std::int64_t>(value, 0, 86'400);
      if (!seconds) return bad(name, value);
      r.retry_after = *seconds;
    } else if (name == "retry-after-form") {
      if (value != "seconds" && value != "date") return bad(name, value);
      r.retry_after_date = value == "date";
    } else if (name == "mode") {
      mode = value;
    } else if (name == "delay") {
      const auto delay = parse_decimal(value, 0, 3600);
      if (!delay) return bad(name, value);
      r.delay = *delay;
    } else {
      return {std::nullopt, "unknown fault setting '" + name + "'"};
    }
  }
  if (!has_kind) return {std::nullopt, "a fault needs a kind"};
  const auto m = mode_named(r.kind, mode);
  if (!m || (!mode.empty() && *m == FaultMode::None)) return bad("mode", mode);
  r.mode = *m;
  if (r.kind == FaultKind::Slow && r.delay <= 0) return {std::nullopt, "a slow fault needs delay=SECONDS"};
  if (!r.count && r.rate >= 1) r.count = 1;  // a fault with neither hits the next request only
  return {r, {}};
}

void FaultPlan::add(FaultRule rule) {
  const std::lock_guard lock(mutex_);
  rules_.push_back(rule);
}

void FaultPlan::clear() {
  const std::lock_guard lock(mutex_);
  rules_.clear();
}

std::optional<FaultRule> FaultPlan::next(Api api) {
  const std::lock_guard lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (!(it->apis & api_bit(api))) continue;
    if (it->rate < 1 && entropy_rng().below(1'000'000) >= it->rate * 1'000'000) continue;
    const FaultRule hit = *it;
    if (it->count && --*it->count == 0) rules_.erase(it);
    return hit;
  }
  return std::nullopt;
}

void FaultPlan::record(AppliedFault applied) {
  const std::lock_guard lock(mutex_);
  applied_.push_back(std::move(applied));
}

std::string FaultPlan::rules_json() const {
  const std::lock_guard lock(mutex_);
  JsonWriter w;
  w.begin_array();
  for (const auto &r : rules_) {
    w.begin_object();
    w.key("kind").str(fault_kind_name(r));
    if (r.mode != FaultMode::None) w.key("mode").str(mode_name(r.mode));
    w.key("count");
    r.count ? w.integer(static_cast<std::int64_t>(*r.count)) : w.null();
    w.key("rate").number(r.rate);
    w.key("api").begin_array();
    for (const Api api : kApis)
      if (r.apis & api_bit(api)) w.str(api_name(api));
    w.end_array();
    if (r.kind == FaultKind::Status && (r.status == 429 || r.status == 503)) {
      w.key("retry-after").integer(r.retry_after);
      w.key("retry-after-form").str(r.retry_after_date ? "date" : "seconds");
    }
    if (r.kind == FaultKind::Slow) w.key("delay").number(r.delay);
    w.end_object();
  }
  w.end_array();
  return w.take();
}

std::string FaultPlan::applied_json() const {
  const std::lock_guard lock(mutex_);
  JsonWriter w;
  w.begin_array();
  for (const auto &a : applied_) {
    w.begin_object();
    w.key("at").integer(a.at);
    w.key("api").str(api_name(a.api));
    w.key("kind").str(a.kind);
    if (!a.detail.empty()) w.key("detail").str(a.detail);
    w.end_object();
  }
  w.end_array();
  return w.take();
}

}  // namespace sim
