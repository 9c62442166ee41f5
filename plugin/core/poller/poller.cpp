#include "poller/poller.h"

#include <malloc.h>

#include "failures/api_refusal.h"
#include "config/endpoints.h"
#include "transport/http_date.h"
#include "apis/next_link.h"
#include "apis/page_scanner.h"
#include "failures/transport_failure.h"
#include "transport/url_origin.h"
#include "cursor/version_key.h"

namespace defender {
namespace {

int64_t milliseconds_between(Instant from, Instant to) {
  return (to.ticks - from.ticks + Instant::ticks_per_millisecond - 1) / Instant::ticks_per_millisecond;
}

Instant after_ms(Instant t, int64_t ms) { return Instant{t.ticks + ms * Instant::ticks_per_millisecond}; }

Idle idle_until(Instant now, Instant then) { return Idle{std::min(Poller::max_idle_ms, milliseconds_between(now, then))}; }

}  // namespace

Poller::Poller(const Options &options, ClientCredential credential, std::shared_ptr<Cursor> cursor, Logger logger,
               Instant floor, FloorKind floor_kind, Clock clock)
    : options_(options),
      api_origin_(origin_of(endpoints_for(options).alerts_url)),
      api_(make_alert_api(options, endpoints_for(options))),
      http_(options.transport),
      token_(endpoints_for(options), options.client_id, std::move(credential), options.assertion_algorithm, logger),
      budget_(effective_budget(options).per_minute, effective_budget(options).per_hour),
      cursor_(std::move(cursor)),
      logger_(std::move(logger)),
      retry_(static_cast<uint64_t>(floor.ticks) ^ cursor_->id()),
      floor_(floor),
      floor_kind_(floor_kind),
      clock_(clock),
      alert_reader_(std::make_unique<AlertReader>()),
      last_handed_out_(cursor_->begin_run()) {
  if (const auto notice = page_size_notice(options_)) logger_.notice(*notice);
}

Poller::~Poller() = default;

const PendingAlert *Poller::hand_out() {
  current_ = std::move(pending_.front());
  pending_.pop_front();
  last_handed_out_ = current_.sequence;
  stats_.add(DEFENDER_STAT_ALERTS_EMITTED);
  return &current_;
}

std::variant<const PendingAlert *, Idle> Poller::next() {
  if (!pending_.empty()) return hand_out();

  for (int requests = 0; requests < max_requests_per_call; ++requests) {
    const Instant now = clock_();
    if (now < retry_at_) return idle_until(now, retry_at_);
    if (!reader_) {
      if (now < next_poll_at_) {
        // Only once syslog-ng acknowledged (and so freed) the messages: they live in this thread's heap too.
        if (release_memory_when_idle_ && cursor_->all_acknowledged()) release_memory();
        return idle_until(now, next_poll_at_);
      }
      if (!service_time_tried_) {
        if (const auto failure = learn_service_time()) {
          fail(*failure, clock_());
          continue;
        }
      }
      start_window(now);
      if (!reader_) continue;
    }
    if (const Instant allowed = budget_.next_allowed(now); now < allowed) {
      stats_.add(DEFENDER_STAT_BUDGET_WAITS);
      logger_.debug("the request budget is spent; waiting",
                    {{"wait_ms", std::to_string(milliseconds_between(now, allowed))}});
      retry_at_ = allowed;
      return idle_until(now, allowed);
    }
    if (const auto failure = read_page()) {
      if (failure->http_status == 401 && !token_refused_) {
        // One fresh token for a refused one: it may have been revoked or rotated before its expiry.
        token_refused_ = true;
        token_.invalidate();
        continue;
      }
      fail(*failure, clock_());
      // A page can fail after it gave readable alerts: they go out while the request waits to be asked again.
      if (!pending_.empty()) return hand_out();
      continue;
    }
    token_refused_ = false;
    recovered(clock_());
    if (!reader_ || reader_->done()) finish_window();
    if (!pending_.empty()) return hand_out();
  }
  return Idle{0};
}

// Before the first window: the token request (made anyway) tells the service's now, so neither the first window's
// end nor a first start's floor comes from the host's clock. Without a Date in its answer the first window ends
// at the host's now, and the answer that completes it bounds what is taken as read (see take_page).
std::optional<Failure> Poller::learn_service_time() {
  response_.date.clear();
  if (auto failure = token_.ensure(http_, response_, stats_, clock_())) return failure;
  service_time_tried_ = true;
  observe_service_time(clock_());
  return std::nullopt;
}

void Poller::observe_service_time(Instant answered) {
  const bool was_known = server_clock_.known();
  const ServerClock::Change change = server_clock_.observe(response_.date, answered);
  const Instant service = server_clock_.now(answered);
  if (change == ServerClock::Change::became_notable) {
    const int64_t offset = server_clock_.offset_seconds();
    logger_.warning(std::string("this host's clock is ") + std::to_string(offset < 0 ? -offset : offset) +
                        " seconds " + (offset < 0 ? "ahead of" : "behind") +
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
      window_outdated_ = reader_ != nullptr;
    }
    return;
  }
  const Instant restored = cursor_->position();
  // Within the Date header's resolution a position can lie a little after the service's now as estimated.
  if (service.plus_seconds(ServerClock::tolerance_seconds) < restored && cursor_->clamp_to(service))
    logger_.warning("the restored checkpoint is ahead of the service's time, so it was written while this host's "
                    "clock ran ahead; reading continues from the service's now and nothing before it is skipped",
                    {{"checkpoint_position", format_instant(restored)}, {"service_time", format_instant(service)}});
}

void Poller::start_window(Instant now) {
  const Instant until = std::min(server_clock_.now(now), windows_end_);
  const Instant from = std::max(cursor_->position().minus_seconds(options_.late_arrival_seconds), floor_);
  next_poll_at_ = now.plus_seconds(options_.poll_interval_seconds);
  if (from < until) reader_ = api_->plan_window(from, until);
}

void Poller::finish_window() {
  reader_.reset();
  api_->restore_optional_parts();
  release_memory_when_idle_ = true;
}

// Caught up and waiting for the next poll: a backlog's page buffers would otherwise stay with this source's thread
// for good (glibc keeps a freed heap in the thread's arena), megabytes per source once it drained a few big pages.
void Poller::release_memory() {
  std::string().swap(response_.body);
  std::deque<PendingAlert>().swap(pending_);
  malloc_trim(0);
  release_memory_when_idle_ = false;
}

std::optional<Failure> Poller::read_page() {
  const PageRequest &page = reader_->request();
  const std::string url = api_->page_url(page, http_);
  // The SIEM API's own cap narrows its window; max-response-size() bounds every answer.
  const size_t narrowing_cap = api_->max_answer_bytes(page);
  const size_t bound = static_cast<size_t>(options_.max_response_bytes);
  const size_t limit = narrowing_cap ? std::min(narrowing_cap, bound) : bound;
  bool too_large = false;
  if (auto failure = request_page(url, limit, too_large)) return failure;
  if (window_outdated_) {
    // Dropped unread: the next window starts at the floor that the service's now gave.
    window_outdated_ = false;
    reader_.reset();
    next_poll_at_ = Instant{};
    return std::nullopt;
  }
  if (too_large && narrowing_cap != 0) {
    logger_.debug("an answer outgrew the bound and was abandoned; asking for a narrower window", {{"request", url}});
    PageSummary abandoned;
    abandoned.cut_off = true;
    reader_->on_page(abandoned);
    return std::nullopt;
  }
  if (too_large) return rejected(url);
  rejecting_ = false;
  if (const auto problem = take_page(url)) {
    Failure failure{FailureKind::transient,
                    "the answer to GET " + url + " (request id " +
                        (response_.request_id.empty() ? std::string("none") : response_.request_id) +
                        ") was cut off or malformed (" + *problem +
                        "); its readable alerts were delivered and the rest is asked for again",
                    std::nullopt};
    // Told again once the attempts that could have skipped the alerts are spent: the source now waits for the page.
    failure.repeated = unreadable_attempts_ > 1 && unreadable_attempts_ != max_unreadable_attempts;
    return failure;
  }
  return std::nullopt;
}

// Nothing of it is kept, and nothing narrows the request: it is asked for again after a backoff, as the server may
// have been wrong once. Told once per run of rejections.
Failure Poller::rejected(const std::string &url) {
  stats_.add(DEFENDER_STAT_ANSWERS_REJECTED);
  Failure failure{FailureKind::transient,
                  "the answer to GET " + url + " (request id " +
                      (response_.request_id.empty() ? std::string("none") : response_.request_id) +
                      ") grew beyond max-response-size(" + std::to_string(options_.max_response_bytes) +
                      ") bytes and was abandoned; it is asked for again. If this repeats, lower page-size() or raise "
                      "max-response-size()",
                  std::nullopt};
  failure.repeated = rejecting_;
  rejecting_ = true;
  std::string().swap(response_.body);  // its first part, up to the bound
  return failure;
}

std::optional<Failure> Poller::request_page(const std::string &url, size_t max_body_bytes, bool &too_large) {
  // Next links are checked as they arrive; this is the one place a bearer request is made.
  if (const std::string origin = origin_of(url); origin != api_origin_)
    return Failure{FailureKind::configuration,
                   "refusing to send the token to " + (origin.empty() ? std::string("an unusable URL") : origin) +
                       ": only the API's origin " + api_origin_ + " (api-url()) gets it",
                   std::nullopt};
  if (auto failure = token_.ensure(http_, response_, stats_, clock_())) return failure;
  HttpRequest request;
  request.url = url;
  request.max_body_bytes = max_body_bytes;
  request.headers = api_->request_headers();
  request.headers.push_back(token_.bearer_header());

  const HttpResult result = http_.perform(request, response_);
  const Instant answered = clock_();
  // Counted when the answer is in, which is after the service saw the request: so no span of the service's own
  // counting holds more requests than the budget, whatever the latency.
  budget_.spend(answered);
  if (result.outcome == TransportOutcome::aborted) return Failure{FailureKind::aborted, "shutting down", std::nullopt};
  stats_.count_response(result.outcome == TransportOutcome::failed ? 0 : response_.status);
  if (result.outcome == TransportOutcome::failed) return transport_failure(result, "GET " + url, url, http_.options());
  too_large = result.outcome == TransportOutcome::too_large;
  if (too_large) return std::nullopt;
  logger_.debug("the alert API answered", {{"request", url},
                                           {"status", std::to_string(response_.status)},
                                           {"bytes", std::to_string(response_.body.size())},
                                           {"request_id", response_.request_id}});
  observe_service_time(answered);
  answer_time_ = parse_http_date(response_.date).value_or(server_clock_.now(answered));
  if (response_.status == 200) return std::nullopt;
  return api_refusal(response_, url, options_, *api_, answered);
}

std::optional<std::string> Poller::take_page(const std::string &url) {
  stats_.add(DEFENDER_STAT_PAGES);
  const ScannedPage page = scan_page(response_.body, api_->max_page_items());

  PageSummary summary;
  summary.served = page.items.size();
  summary.next_link = followed_link(page.next_link, url);
  summary.more = !page.next_link.empty();  // the server says there is more, whether or not its link is followed
  summary.cut_off = !page.complete;

  const UnreadableAlerts unreadable = alert_reader_->read(
      page, response_.body, [&](const rapidjson::Value &object) { return api_->adapt(object); },
      [&](Alert &&alert) -> std::optional<std::string> {
        const std::optional<Instant> paged = paging_time_of(alert, api_->paging_time());
        if (!paged) return "has no valid creation time";
        summary.times.push_back(*paged);
        const VersionKey key = version_key(alert.record_id.empty() ? alert.id : alert.record_id, *paged);
        if (cursor_->was_emitted(key)) {
          stats_.add(DEFENDER_STAT_DUPLICATES_SUPPRESSED);
          return std::nullopt;
        }
        ++summary.new_versions;
        pending_.push_back(PendingAlert{std::move(alert), cursor_->emit(key)});
        return std::nullopt;
      });

  if (unreadable.count > 0) {
    stats_.add(DEFENDER_STAT_PARSE_ERRORS, static_cast<int64_t>(unreadable.count));
    // A service that sent a broken answer once may send the right one next time: the readable alerts are
    // delivered, and nothing is taken as read until the page was asked for again a few times. An answer without
    // one readable alert may stand in for a whole page (a proxy's or a broken server's): it is never taken as read.
    if (++unreadable_attempts_ < max_unreadable_attempts || summary.times.empty())
      return std::to_string(unreadable.count) + " of its alerts could not be read; the first: " +
             unreadable.first_problem;
    logger_.warning("alerts in a page could not be read, also when asked again, and were skipped; the rest of the "
                    "page is delivered",
                    {{"request", url},
                     {"request_id", response_.request_id},
                     {"attempts", std::to_string(unreadable_attempts_)},
                     {"unreadable", std::to_string(unreadable.count)},
                     {"first_problem", unreadable.first_problem}});
  }
  unreadable_attempts_ = 0;
  // A window is read only up to the service's time of the answer that completed it: a window that ended later
  // (at a host's now running ahead) holds versions the service had not written yet.
  if (const auto complete = reader_->on_page(summary)) cursor_->complete_below(std::min(*complete, answer_time_));
  if (page.complete) return std::nullopt;
  stats_.add(DEFENDER_STAT_PARSE_ERRORS);
  return page.error;
}

std::string Poller::followed_link(const std::string &link, const std::string &url) {
  NextLink next = check_next_link(link, api_origin_);
  if (next.refusal) {
    stats_.add(DEFENDER_STAT_NEXT_LINKS_REFUSED);
    if (!next_link_refused_) logger_.error(*next.refusal, {{"request", url}, {"request_id", response_.request_id}});
    next_link_refused_ = true;
  }
  return std::move(next.follow);
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
  token_refused_ = false;
  std::optional<OptionalPart> dropped;
  if (failure.kind == FailureKind::transient && failure.http_status >= 500 && consecutive_failures_ >= relax_after_failures &&
      (dropped = api_->drop_optional_part()))
    delay = 0;
  retry_at_ = after_ms(now, delay);
  const Logger::Tags tags{{"retry_in_seconds", std::to_string((delay + 999) / 1000)},
                          {"attempt", std::to_string(consecutive_failures_)}};
  if (failure.kind == FailureKind::configuration) logger_.error(failure.message, tags);
  else if (failure.repeated) logger_.debug(failure.message, tags);
  else logger_.warning(failure.message, tags);
  if (dropped)
    logger_.warning("the alert API failed " + std::to_string(consecutive_failures_) + " times in a row with HTTP " +
                        std::to_string(failure.http_status) + " while asked for " + dropped->request_part +
                        "; this window is read without it, so its alerts arrive without what it adds. The next window "
                        "asks for it again; if this repeats, the service cannot serve it for this tenant: set " +
                        dropped->option,
                    {{"left_out", dropped->request_part}});
}

void Poller::recovered(Instant now) {
  if (consecutive_failures_ == 0) return;
  logger_.notice("the alert API answers again; polling resumes",
                 {{"failed_attempts", std::to_string(consecutive_failures_)},
                  {"degraded_seconds", std::to_string((now.ticks - degraded_since_.ticks) / Instant::ticks_per_second)}});
  consecutive_failures_ = 0;
  last_failure_.reset();
  stats_.set(DEFENDER_STAT_DEGRADED, 0);
  stats_.set(DEFENDER_STAT_CONSECUTIVE_FAILURES, 0);
  retry_.succeeded();
}

}  // namespace defender
