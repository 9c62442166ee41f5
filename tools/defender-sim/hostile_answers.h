#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

// What a hostile answer holds (hostile_body.h builds them).
enum class HostileKind {
  DeepNesting,      // "deep-nesting": a value nesting arrays and objects 100,000 deep
  GzipBomb,         // "gzip-bomb": about 1 MiB of gzip on the wire that inflates to 1 GiB
  HugeBody,         // "huge-body": 100 MiB, streamed
  LongNumbers,      // "long-numbers": numbers of 10,000 digits
  InvalidUtf8Keys,  // "invalid-utf8-keys": object keys that are not UTF-8
  WideArray,        // "wide-array": about 64 KiB of gzip on the wire that inflates to an array of 33 million zeros
};
inline constexpr std::array kHostileKinds = {HostileKind::DeepNesting,     HostileKind::GzipBomb,
                                             HostileKind::HugeBody,        HostileKind::LongNumbers,
                                             HostileKind::InvalidUtf8Keys, HostileKind::WideArray};

// Which answers a hostile one may replace.
enum class HostileTarget {
  Pages,   // "pages": an alert API's page (status 200), before it is made: no alert of it counts as served
  Tokens,  // "tokens": a token endpoint's access token (status 200)
  Errors,  // "errors": the body of an error answer (status 400 and up) of a token endpoint or an alert API
};
inline constexpr std::array kHostileTargets = {HostileTarget::Pages, HostileTarget::Tokens, HostileTarget::Errors};

std::string_view hostile_kind_name(HostileKind kind);
std::string_view hostile_target_name(HostileTarget target);

// The switches, in the fault settings' vocabulary (fault_settings.h):
//   hostile-answers=KIND[+KIND...]|all|none    the kinds, mixed (default none)
//   hostile-answer-rate=P                      the share (0-1) of the targeted answers made hostile (default 1)
//   hostile-answer-targets=TARGET[+TARGET...]  pages, tokens, errors (default pages)
struct HostileConfig {
  std::vector<HostileKind> kinds;
  double rate = 1;
  std::array<bool, kHostileTargets.size()> targets = {true, false, false};
};

bool is_hostile_setting(std::string_view name);

// Changes `config` by one of the three settings; an error message when the value is wrong.
std::optional<std::string> apply_hostile_setting(HostileConfig &config, std::string_view name, std::string_view value);

// Decides which answers are hostile, and of which kind: the n-th answer to a target is decided by the seed and n
// alone, so that the same run of requests meets the same hostile answers. Counts what it decided.
class HostileAnswers {
 public:
  explicit HostileAnswers(std::uint64_t seed);

  void set(HostileConfig config);
  HostileConfig config() const;

  // The kind the next answer to `target` is to be replaced with; nullopt: it goes out as it is.
  std::optional<HostileKind> next(HostileTarget target);

  // {"hostile-answers": "gzip-bomb+huge-body", "hostile-answer-rate": 0.2, "hostile-answer-targets": "pages"}
  std::string settings_json() const;
  // {"total": N, "byKind": {...}, "byTarget": {...}}: every kind and target, zeros included.
  std::string counts_json() const;

 private:
  const std::uint64_t seed_;
  mutable std::mutex mutex_;
  HostileConfig config_;
  std::array<std::uint64_t, kHostileTargets.size()> answers_{};  // answers to each target so far
  std::array<std::uint64_t, kHostileKinds.size()> by_kind_{};
  std::array<std::uint64_t, kHostileTargets.size()> by_target_{};
};

}  // namespace sim
