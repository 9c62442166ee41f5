#include "hostile_answers.h"

#include <algorithm>

#include "json_writer.h"
#include "number_text.h"
#include "random.h"

namespace sim {
namespace {

constexpr std::string_view kKindNames[] = {"deep-nesting", "gzip-bomb",         "huge-body",
                                           "long-numbers", "invalid-utf8-keys", "wide-array"};
constexpr std::string_view kTargetNames[] = {"pages", "tokens", "errors"};
constexpr std::uint64_t kSalt = 0x4057113EA5E3ULL;

template <typename T>
std::size_t index_of(T value) {
  return static_cast<std::size_t>(value);
}

// "a+b+c" into its parts; false when a part is empty.
bool split_plus(std::string_view text, std::vector<std::string_view> &parts) {
  while (true) {
    const auto plus = text.find('+');
    parts.push_back(text.substr(0, plus));
    if (parts.back().empty()) return false;
    if (plus == std::string_view::npos) return true;
    text.remove_prefix(plus + 1);
  }
}

std::optional<std::vector<HostileKind>> kinds_named(std::string_view text) {
  if (text == "none") return std::vector<HostileKind>{};
  if (text == "all") return std::vector<HostileKind>(kHostileKinds.begin(), kHostileKinds.end());
  std::vector<std::string_view> parts;
  if (!split_plus(text, parts)) return std::nullopt;
  std::vector<HostileKind> kinds;
  for (const auto part : parts) {
    bool known = false;
    for (const HostileKind k : kHostileKinds) {
      if (part != hostile_kind_name(k)) continue;
      known = true;
      if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
    }
    if (!known) return std::nullopt;
  }
  return kinds;
}

std::optional<std::array<bool, kHostileTargets.size()>> targets_named(std::string_view text) {
  std::vector<std::string_view> parts;
  if (!split_plus(text, parts)) return std::nullopt;
  std::array<bool, kHostileTargets.size()> targets{};
  for (const auto part : parts) {
    bool known = false;
    for (const HostileTarget t : kHostileTargets) {
      if (part != hostile_target_name(t)) continue;
      known = true;
      targets[index_of(t)] = true;
    }
    if (!known) return std::nullopt;
  }
  return targets;
}

}  // namespace

std::string_view hostile_kind_name(HostileKind kind) { return kKindNames[index_of(kind)]; }
std::string_view hostile_target_name(HostileTarget target) { return kTargetNames[index_of(target)]; }

bool is_hostile_setting(std::string_view name) {
  return name == "hostile-answers" || name == "hostile-answer-rate" || name == "hostile-answer-targets";
}

std::optional<std::string> apply_hostile_setting(HostileConfig &config, std::string_view name, std::string_view value) {
  const auto bad = [&](std::string_view expected) {
    return "invalid value '" + std::string(value) + "' for " + std::string(name) + ": expected " +
           std::string(expected);
  };
  if (name == "hostile-answers") {
    auto kinds = kinds_named(value);
    if (!kinds)
      return bad(
          "none, all, or kinds joined by '+': deep-nesting, gzip-bomb, huge-body, long-numbers, "
          "invalid-utf8-keys, wide-array");
    config.kinds = std::move(*kinds);
  } else if (name == "hostile-answer-rate") {
    const auto rate = parse_decimal(value, 0, 1);
    if (!rate) return bad("a share from 0 to 1");
    config.rate = *rate;
  } else if (name == "hostile-answer-targets") {
    const auto targets = targets_named(value);
    if (!targets) return bad("targets joined by '+': pages, tokens, errors");
    config.targets = *targets;
  } else {
    return "unknown hostile answer setting '" + std::string(name) + "'";
  }
  return std::nullopt;
}

HostileAnswers::HostileAnswers(std::uint64_t seed) : seed_(seed) {}

void HostileAnswers::set(HostileConfig config) {
  const std::lock_guard lock(mutex_);
  config_ = std::move(config);
}

HostileConfig HostileAnswers::config() const {
  const std::lock_guard lock(mutex_);
  return config_;
}

std::optional<HostileKind> HostileAnswers::next(HostileTarget target) {
  const std::lock_guard lock(mutex_);
  const std::size_t t = index_of(target);
  if (config_.kinds.empty() || !config_.targets[t]) return std::nullopt;
  const std::uint64_t n = answers_[t]++;
  Rng rng(mix_seed(seed_ ^ kSalt, n * kHostileTargets.size() + t));
  if (rng.below(1'000'000) >= config_.rate * 1'000'000) return std::nullopt;
  const HostileKind kind = config_.kinds[rng.below(config_.kinds.size())];
  ++by_kind_[index_of(kind)];
  ++by_target_[t];
  return kind;
}

std::string HostileAnswers::settings_json() const {
  const HostileConfig c = config();
  std::string kinds = c.kinds.empty() ? "none" : "";
  for (const HostileKind k : c.kinds) kinds += (kinds.empty() ? "" : "+") + std::string(hostile_kind_name(k));
  std::string targets;
  for (const HostileTarget t : kHostileTargets)
    if (c.targets[index_of(t)]) targets += (targets.empty() ? "" : "+") + std::string(hostile_target_name(t));
  JsonWriter w;
  w.begin_object();
  w.key("hostile-answers").str(kinds);
  w.key("hostile-answer-rate").number(c.rate);
  w.key("hostile-answer-targets").str(targets);
  w.end_object();
  return w.take();
}

std::string HostileAnswers::counts_json() const {
  const std::lock_guard lock(mutex_);
  JsonWriter w;
  w.begin_object();
  std::uint64_t total = 0;
  for (const auto n : by_target_) total += n;
  w.key("total").integer(static_cast<std::int64_t>(total));
  w.key("byKind").begin_object();
  for (const HostileKind k : kHostileKinds)
    w.key(hostile_kind_name(k)).integer(static_cast<std::int64_t>(by_kind_[index_of(k)]));
  w.end_object();
  w.key("byTarget").begin_object();
  for (const HostileTarget t : kHostileTargets)
    w.key(hostile_target_name(t)).integer(static_cast<std::int64_t>(by_target_[index_of(t)]));
  w.end_object();
  w.end_object();
  return w.take();
}

}  // namespace sim
