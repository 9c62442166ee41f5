// Drives one source: when to poll, which window and page to read, what to do with failures. Hands the new alert
// versions out one at a time, because syslog-ng's fetcher takes one message per call. Asking for a page is
// ApiRequester's job, reading it PageReader's.
#pragma once

#include <limits>
#include <memory>
#include <optional>
#include <variant>

#include "apis/alert_api.h"
#include "apis/window_plan.h"
#include "config/options.h"
#include "credentials/client_credential.h"
#include "cursor/cursor.h"
#include "failures/failure.h"
#include "failures/retry_policy.h"
#include "poller/api_requester.h"
#include "poller/clock.h"
#include "poller/page_reader.h"
#include "reporting/logger.h"
#include "reporting/stats.h"
#include "transport/server_clock.h"

namespace defender {

struct Idle {
  int64_t milliseconds;
};

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
  // Server errors, timeouts or unreadable answers in a row after which an optional part of the request is left out
  // for the rest of the window.
  static constexpr int relax_after_failures = 3;
  static_assert(relax_after_failures < PageReader::max_unreadable_attempts,
                "an optional part is left out before unreadable items are skipped");

  // floor: Instant{} when the cursor has a position of its own. send: how requests to the alert API are sent; empty
  // (a source, defender-fetch) sends through the HttpClient.
  Poller(const Options &options, ClientCredential credential, std::shared_ptr<Cursor> cursor, Logger logger,
         Instant floor, FloorKind floor_kind, Clock clock, SendRequest send = {});
  ~Poller();

  // The next alert version to send, or how long to wait. The pointer is valid until the next call.
  std::variant<const PendingRecord *, Idle> next();
  // The next alert version of the pages already read, or nullptr: never sends a request. What the caller takes after
  // a next() to post several messages at once.
  const PendingRecord *ready() { return pages_.has_new() ? hand_out() : nullptr; }

  void request_exit() { requester_.request_abort(); }
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
  // What the buffer of the last answer holds on to: a big page's size until caught up and acknowledged.
  size_t answer_buffer_bytes() const { return requester_.response().body.capacity(); }

 private:
  // What came of asking for a page: read (possibly with a failure to tell), or to be asked for again at once.
  struct PageStep {
    std::optional<Failure> failure;
    bool ask_again = false;
  };

  std::optional<Failure> learn_service_time();
  void observe_service_time(Instant answered);
  void on_service_time_known();
  void start_window(Instant now);
  void finish_window();
  PageStep read_page();
  void fail(const Failure &failure, Instant now);
  void recovered(Instant now);
  const PendingRecord *hand_out();

  Options options_;
  std::unique_ptr<AlertApi> api_;
  std::shared_ptr<Cursor> cursor_;
  Logger logger_;
  Stats stats_;
  const Clock clock_;
  // They refer to the members above, which outlive them.
  ApiRequester requester_;
  PageReader pages_;
  RetryPolicy retry_;
  ServerClock server_clock_;
  Instant floor_;
  const FloorKind floor_kind_;

  std::unique_ptr<WindowPlan> window_;
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
  bool optional_part_dropped_before_ = false;  // its warning was given: later windows say it at debug level
  bool release_memory_when_idle_ = false;      // a window was read: give its buffers back once caught up

  PendingRecord current_;
  // Everything up to it reached syslog-ng: what the cursor held when this poller took it over, then each message
  // handed out. A reload forgets what was emitted after it.
  uint64_t last_handed_out_;
};

}  // namespace defender
