// Drives one source: when to poll, which page to ask for, what to do with failures, and which alert versions are
// new. Hands the new ones out one at a time, because syslog-ng's fetcher takes one message per call.
#pragma once

#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "alert.h"
#include "apis/alert_api.h"
#include "apis/alert_reader.h"
#include "cursor/cursor.h"
#include "transport/http_client.h"
#include "reporting/logger.h"
#include "config/options.h"
#include "poller/request_budget.h"
#include "failures/retry_policy.h"
#include "transport/server_clock.h"
#include "reporting/stats.h"
#include "credentials/token_provider.h"

namespace defender {

struct PendingAlert {
  Alert alert;
  uint64_t sequence = 0;
};

struct Idle {
  int64_t milliseconds;
};

// The wall clock: read before each request and after each answer, since a request can take as long as timeout().
using Clock = Instant (*)();

// What the floor (nothing before it is read) is measured against. A first start reads initial-lookback() before
// now, and that now is the service's: the floor the host's clock gave moves once the service's now is known. A
// range read (defender-fetch) has a fixed floor.
enum class FloorKind { fixed, lookback };

class Poller {
 public:
  // A page of alerts that turn out to be all seen before costs a request but yields nothing: after this many
  // requests in one call the poller returns, so the caller can persist and notice shutdown.
  static constexpr int max_requests_per_call = 8;
  // The longest the caller sleeps between calls, so acknowledged progress is persisted promptly.
  static constexpr int64_t max_idle_ms = 1000;
  // Server errors in a row after which an optional part of the request is left out for the rest of the window.
  static constexpr int relax_after_failures = 3;
  // Answers to one request with unreadable alerts in them, after which those alerts are skipped and the page is
  // taken as read, so one alert the service always breaks cannot stall the source; only when readable alerts in
  // the same answer show it is the page itself, not something standing in for it.
  static constexpr int max_unreadable_attempts = 4;

  // floor: Instant{} when the cursor has a position of its own.
  Poller(const Options &options, ClientCredential credential, std::shared_ptr<Cursor> cursor, Logger logger,
         Instant floor, FloorKind floor_kind, Clock clock);
  ~Poller();

  // The next alert version to send, or how long to wait. The pointer is valid until the next call.
  std::variant<const PendingAlert *, Idle> next();

  void request_exit() { http_.request_abort(); }
  // Alerts fetched but never handed out must be fetched again by whoever continues with the cursor.
  void release() { cursor_->forget_after(last_handed_out_); }

  // A range read (BackfillReader): no window reaches past `end`. Otherwise the service's now ends each window.
  void end_windows_at(Instant end) { windows_end_ = end; }
  // What the last attempt failed with; empty once a request succeeds again.
  const std::optional<Failure> &last_failure() const { return last_failure_; }

  // The service's now, as far as its answers told it (the host's now until one did).
  Instant service_now() const { return server_clock_.now(clock_()); }

  const Stats &stats() const { return stats_; }
  Stats &stats() { return stats_; }
  const Cursor &cursor() const { return *cursor_; }
  std::shared_ptr<Cursor> shared_cursor() const { return cursor_; }

 private:
  std::optional<Failure> learn_service_time();
  void observe_service_time(Instant answered);
  void on_service_time_known();
  void start_window(Instant now);
  void finish_window();
  void release_memory();
  std::optional<Failure> read_page();
  std::optional<Failure> request_page(const std::string &url, size_t max_body_bytes, bool &too_large);
  Failure rejected(const std::string &url);
  std::string followed_link(const std::string &link, const std::string &url);
  std::optional<std::string> take_page(const std::string &url);
  void fail(const Failure &failure, Instant now);
  void recovered(Instant now);
  const PendingAlert *hand_out();

  Options options_;
  const std::string api_origin_;  // the only origin a request with the bearer token goes to
  std::unique_ptr<AlertApi> api_;
  HttpClient http_;
  HttpResponse response_;
  TokenProvider token_;
  RequestBudget budget_;
  std::shared_ptr<Cursor> cursor_;
  Logger logger_;
  Stats stats_;
  RetryPolicy retry_;
  ServerClock server_clock_;
  Instant floor_;
  const FloorKind floor_kind_;
  const Clock clock_;
  std::unique_ptr<AlertReader> alert_reader_;

  std::unique_ptr<WindowPlan> reader_;
  Instant next_poll_at_{};
  Instant retry_at_{};
  Instant degraded_since_{};
  Instant windows_end_{std::numeric_limits<int64_t>::max()};
  std::optional<Failure> last_failure_;
  // The service's time when it wrote the last answer: nothing after it can have been in that answer.
  Instant answer_time_{};
  bool service_time_tried_ = false;  // the first request that could teach the service's now was made
  bool window_outdated_ = false;     // the window being read began at a floor the service's now has since moved
  int consecutive_failures_ = 0;
  bool token_refused_ = false;  // the API refused the current token once; the next refusal is final
  bool release_memory_when_idle_ = false;  // a window was read: give its buffers back once caught up
  bool rejecting_ = false;  // the last page answer outgrew max-response-size()
  int unreadable_attempts_ = 0;  // answers in a row to the current request that held alerts it could not read
  bool next_link_refused_ = false;  // told once per source

  std::deque<PendingAlert> pending_;
  PendingAlert current_;
  // Everything up to it reached syslog-ng: what the cursor held when this poller took it over, then each message
  // handed out. A reload forgets what was emitted after it.
  uint64_t last_handed_out_;
};

}  // namespace defender
