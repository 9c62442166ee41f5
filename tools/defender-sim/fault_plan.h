#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "alert_store.h"
#include "settings.h"

namespace sim {

enum class FaultKind {
  Status,    // "429", "500", "502", "503", "504": answer with that status (and Retry-After for 429 and 503)
  Reset,     // "reset": send half the body, then reset the connection (TCP RST)
  Truncate,  // "truncate": mode=json cuts the JSON with an honest Content-Length; mode=connection closes the
             // connection half-way through a body whose Content-Length promised more
  Slow,      // "slow": mode=first-byte waits `delay` seconds before answering; mode=trickle spreads the body over it
  BadAlert,  // "bad-alert": one alert of the page (the middle one) is malformed JSON (mode=malformed: brackets and
             // quotes still balance) or carries invalid UTF-8 bytes (mode=invalid-utf8); the rest is valid
};

enum class FaultMode { None, Json, Connection, FirstByte, Trickle, Malformed, InvalidUtf8 };

// One fault: what it does, which requests it hits, and for how long.
struct FaultRule {
  FaultKind kind = FaultKind::Status;
  int status = 0;
  FaultMode mode = FaultMode::None;
  std::optional<std::uint64_t> count;  // requests it still hits; nullopt: until removed
  double rate = 1;                     // the chance that it hits a request it applies to
  ApiMask apis = 0xFF;
  std::int64_t retry_after = 1;   // seconds, for 429 and 503
  bool retry_after_date = false;  // Retry-After as an HTTP date instead of seconds
  double delay = 0;               // seconds, for slow
};

struct FaultRuleParse {
  std::optional<FaultRule> rule;
  std::string error;
};

// kind (above), count=N, rate=0..1 (count and rate together: the first N hits of that chance), api=graph|alerts|
// siem (or several, joined by '+'), retry-after=SECONDS, retry-after-form=seconds|date, mode=..., delay=SECONDS.
FaultRuleParse parse_fault(const Settings &settings);

// A fault that hit a request, for GET /_sim/faults.
struct AppliedFault {
  Ticks at = 0;
  Api api = Api::Graph;
  std::string kind;
  std::string detail;  // the alert a bad-alert fault broke
};

// The faults in force, consulted once per API request, in the order they were added: the first that hits wins.
class FaultPlan {
 public:
  void add(FaultRule rule);
  void clear();
  std::optional<FaultRule> next(Api api);
  void record(AppliedFault applied);
  std::string rules_json() const;
  std::string applied_json() const;

 private:
  mutable std::mutex mutex_;
  std::vector<FaultRule> rules_;
  std::vector<AppliedFault> applied_;
};

std::string fault_kind_name(const FaultRule &rule);

}  // namespace sim
