#include "poller/poller.h"

#include "transport/http_date.h"

namespace defender {
namespace {

int64_t milliseconds_between(Instant from, Instant to) {
  return (to.ticks - from.ticks + Instant::ticks_per_millisecond - 1) / Instant::ticks_per_millisecond;
}

Instant after_ms(Instant t, int64_t ms) { return Instant{t.ticks + ms * Instant::ticks_per_millisecond}; }

Idle idle_until(Instant now, Instant then) {
  return Idle{std::min(Poller::max_idle_ms, milliseconds_between(now, then))};
}

}  // namespace

Poller::Poller(const Options &options, ClientCredential credential, std::shared_ptr<Cursor> cursor, Logger logger,
               Instant floor, FloorKind floor_kind, Clock clock, SendRequest send)
    : options_(options),
      api_(make_alert_api(options_, endpoints_for(options_))),
      cursor_(std::move(cursor)),
      logger_(std::move(logger)),
      clock_(clock),
      requester_(options_, *api_, std::move(credential), stats_, logger_, clock, std::move(send)),
      pages_(*api_, *cursor_, stats_, logger_, requester_.api_origin(), options_.max_response_bytes),
      retry_(static_cast<uint64_t>(floor.ticks) ^ cursor_->id()),
      floor_(floor),
      floor_kind_(floor_kind),
      last_handed_out_(cursor_->begin_run()) {
  if (const auto notice = page_size_notice(options_)) logger_.notice(*notice);
}

Poller::~Poller() = default;

const PendingRecord *Poller::hand_out() {
  current_ = pages_.take_new();
  last_handed_out_ = current_.sequence;
  stats_.add(DEFENDER_STAT_ALERTS_EMITTED);
  return &current_;
}

std::variant<const PendingRecord *, Idle> Poller::next() {
  if (pages_.has_new()) return hand_out();

  for (int requests = 0; requests < max_requests_per_call; ++requests) {
    const Instant now = clock_();
    if (now < retry_at_) return idle_until(now, retry_at_);
    if (!window_) {
      if (now < next_poll_at_) {
        // Only once syslog-ng acknowledged (and so freed) the messages: they live in this thread's heap too.
        if (release_memory_when_idle_ && cursor_->all_acknowledged()) {
          pages_.release_memory(requester_.response());
          release_memory_when_idle_ = false;
        }
        return idle_until(now, next_poll_at_);
      }
      if (!service_time_tried_) {
        if (const auto failure = learn_service_time()) {
          fail(*failure, clock_());
          continue;
        }
      }
      start_window(now);
      if (!window_) continue;
    }
    if (const Instant allowed = requester_.next_allowed(now); now < allowed) {
      stats_.add(DEFENDER_STAT_BUDGET_WAITS);
      logger_.debug("the request budget is spent; waiting",
                    {{"wait_ms", std::to_string(milliseconds_between(now, allowed))}});
      retry_at_ = allowed;
      return idle_until(now, allowed);
    }
    const PageStep step = read_page();
    // The API refused the token once: a fresh one is asked for with the page.
    if (step.ask_again) continue;
    if (step.failure) {
      fail(*step.failure, clock_());
      // A page can fail after it gave readable alerts: they go out while the request waits to be asked again.
      if (pages_.has_new()) return hand_out();
      continue;
    }
    recovered(clock_());
    if (!window_ || window_->done()) finish_window();
    if (pages_.has_new()) return hand_out();
  }
  return Idle{0};
}

// Before the first window: the token request (made anyway) tells the service's now, so neither the first window's
// end nor a first start's floor comes from the host's clock. Without a Date in its answer the first window ends
// at the host's now, and the answer that completes it bounds what is taken as read (see read_page).
std::optional<Failure> Poller::learn_service_time() {
  if (auto failure = requester_.ensure_token()) return failure;
  service_time_tried_ = true;
  observe_service_time(clock_());
  return std::nullopt;
}

void Poller::observe_service_time(Instant answered) {
  const bool was_known = server_clock_.known();
  const ServerClock::Change change = server_clock_.observe(requester_.response().date, answered);
  const Instant service = server_clock_.now(answered);
  if (change == ServerClock::Change::became_notable) {
    const int64_t offset = server_clock_.offset_seconds();
    logger_.warning(std::string("this host's clock is ") + std::to_string(offset < 0 ? -offset : offset) + " seconds " +
                        (offset < 0 ? "ahead of" : "behind") +
                        " the service's; windows, the checkpoint and the lag are taken on the service's clock, so "
                        "nothing is lost, but set the host's time right (NTP): other logs on this host carry it",
                    {{"service_time", format_instant(service)}, {"host_time", format_instant(answered)}});
  } else if (change == ServerClock::Change::stopped_being_notable) {
    logger_.notice("this host's clock agrees with the service's again",
                   {{"service_time", format_instant(service)}, {"host_time", format_instant(answered)}});
  }
  if (!was_known && server_clock_.known()) on_service_time_known();
}

// The first time the service's now is known: a first start reads initial-lookback() before it, and a restored
// position past it (written while the host's clock ran ahead) comes back to it.
void Poller::on_service_time_known() {
  const Instant service = service_now();
  if (floor_kind_ == FloorKind::lookback && floor_ != Instant{}) {
    const Instant floor = service.minus_seconds(options_.initial_lookback_seconds);
    if (cursor_->rebase(floor)) {
      floor_ = floor;
      // Learnt from a page (the token answer had no Date): the window in progress was planned on the host's clock.
      window_outdated_ = window_ != nullptr;
    }
    return;
  }
  const Instant restored = cursor_->position();
  // Within the Date header's resolution a position can lie a little after the service's now as estimated.
  if (service.plus_seconds(ServerClock::tolerance_seconds) < restored && cursor_->clamp_to(service))
    logger_.warning(
        "the restored checkpoint is ahead of the service's time, so it was written while this host's "
        "clock ran ahead; reading continues from the service's now and nothing before it is skipped",
        {{"checkpoint_position", format_instant(restored)}, {"service_time", format_instant(service)}});
}

void Poller::start_window(Instant now) {
  const Instant until = std::min(server_clock_.now(now), windows_end_);
  const Instant from = std::max(cursor_->position().minus_seconds(options_.late_arrival_seconds), floor_);
  next_poll_at_ = now.plus_seconds(options_.poll_interval_seconds);
  if (from < until) window_ = api_->plan_window(from, until);
}

void Poller::finish_window() {
  window_.reset();
  api_->restore_optional_parts();
  release_memory_when_idle_ = true;
}

Poller::PageStep Poller::read_page() {
  const PageRequest &page = window_->request();
  const std::string url = api_->page_url(page, requester_.http());
  // The SIEM API's own cap narrows its window; max-response-size() bounds every answer.
  const size_t narrowing_cap = api_->max_answer_bytes(page);
  const size_t bound = static_cast<size_t>(options_.max_response_bytes);
  const size_t limit = narrowing_cap ? std::min(narrowing_cap, bound) : bound;
  const PageAnswer answer = requester_.get_page(url, limit);
  if (answer.answered) {
    observe_service_time(*answer.answered);
    answer_time_ = parse_http_date(requester_.response().date).value_or(server_clock_.now(*answer.answered));
  }
  if (answer.failure) return PageStep{answer.failure, answer.renew_token};
  if (window_outdated_) {
    // Dropped unread: the next window starts at the floor that the service's now gave.
    window_outdated_ = false;
    window_.reset();
    next_poll_at_ = Instant{};
    return {};
  }
  if (answer.too_large && narrowing_cap != 0) {
    logger_.debug("an answer outgrew the bound and was abandoned; asking for a narrower window", {{"request", url}});
    PageSummary abandoned;
    abandoned.cut_off = true;
    window_->on_page(abandoned);
    return {};
  }
  if (answer.too_large) return PageStep{pages_.reject_oversized(requester_.response(), url)};
  PageRead read = pages_.read(requester_.response(), url);
  // A window is read only up to the service's time of the answer that completed it: a window that ended later
  // (at a host's now running ahead) holds versions the service had not written yet.
  if (read.summary)
    if (const auto complete = window_->on_page(*read.summary))
      cursor_->complete_below(std::min(*complete, answer_time_));
  return PageStep{std::move(read.failure)};
}

void Poller::fail(const Failure &failure, Instant now) {
  if (failure.kind == FailureKind::aborted) {
    retry_at_ = after_ms(now, max_idle_ms);
    return;
  }
  last_failure_ = failure;
  if (consecutive_failures_++ == 0) degraded_since_ = now;
  stats_.set(DEFENDER_STAT_DEGRADED, 1);
  stats_.set(DEFENDER_STAT_CONSECUTIVE_FAILURES, consecutive_failures_);
  int64_t delay = retry_.delay_ms(failure);
  std::optional<OptionalPart> dropped;
  // A server error or a timeout each time is what large tenants get for an expansion the service cannot serve; items
  // too large to read may be made so by it. Both are tried without it before an item would be skipped
  // (relax_after_failures < PageReader::max_unreadable_attempts).
  if (failure.kind == FailureKind::transient &&
      (failure.http_status >= 500 || failure.timed_out || failure.unreadable_items) &&
      consecutive_failures_ >= relax_after_failures && (dropped = api_->drop_optional_part())) {
    delay = 0;
    stats_.add(DEFENDER_STAT_WINDOWS_WITHOUT_OPTIONAL_PART);
  }
  retry_at_ = after_ms(now, delay);
  const Logger::Tags tags{{"retry_in_seconds", std::to_string((delay + 999) / 1000)},
                          {"attempt", std::to_string(consecutive_failures_)}};
  if (failure.kind == FailureKind::configuration)
    logger_.error(failure.message, tags);
  else if (failure.repeated)
    logger_.debug(failure.message, tags);
  else
    logger_.warning(failure.message, tags);
  if (dropped) {
    const std::string how = failure.timed_out          ? std::string("without an answer within timeout()")
                            : failure.unreadable_items ? std::string("with items it could not read")
                                                       : "with HTTP " + std::to_string(failure.http_status);
    // Told once per source: a tenant the service cannot serve it for fails so in every window.
    const std::string message =
        "the API failed " + std::to_string(consecutive_failures_) + " times in a row " + how + " while asked for " +
        dropped->request_part +
        "; this window is read without it, so what it returns arrives without what it adds (statistic "
        "windows_without_optional_part). The next window asks for it again; if this repeats, the service cannot "
        "serve it for this tenant: set " +
        dropped->option;
    if (optional_part_dropped_before_)
      logger_.debug(message, {{"left_out", dropped->request_part}});
    else
      logger_.warning(message, {{"left_out", dropped->request_part}});
    optional_part_dropped_before_ = true;
  }
}

void Poller::recovered(Instant now) {
  if (consecutive_failures_ == 0) return;
  logger_.notice(
      "the API answers again; polling resumes",
      {{"failed_attempts", std::to_string(consecutive_failures_)},
       {"degraded_seconds", std::to_string((now.ticks - degraded_since_.ticks) / Instant::ticks_per_second)}});
  consecutive_failures_ = 0;
  last_failure_.reset();
  stats_.set(DEFENDER_STAT_DEGRADED, 0);
  stats_.set(DEFENDER_STAT_CONSECUTIVE_FAILURES, 0);
  retry_.succeeded();
}

}  // namespace defender
