#include "poller.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "endpoints.h"
#include "http_date.h"
#include "page_scanner.h"
#include "service_error.h"
#include "version_key.h"

namespace defender {
namespace {

std::string user_agent() { return "MdePartner-SyslogNG-DefenderSource/" DEFENDER_VERSION; }

TransportOptions transport_options(const Options &options) {
  return TransportOptions{options.ca_file, options.peer_verify, 30, user_agent()};
}

int64_t milliseconds_between(Instant from, Instant to) {
  return (to.ticks - from.ticks + Instant::ticks_per_millisecond - 1) / Instant::ticks_per_millisecond;
}

Instant after_ms(Instant t, int64_t ms) { return Instant{t.ticks + ms * Instant::ticks_per_millisecond}; }

}  // namespace

// Room for a typical alert's tree: most alerts parse without a heap allocation. Each parse gets fresh allocators
// over the same memory, because a RapidJSON document re-parsed in place keeps growing its pool.
struct Poller::ParseMemory {
  char values[32 * 1024];
  char stack[4 * 1024];

  template <class F>
  auto parse(std::string_view json, F &&use) {
    rapidjson::MemoryPoolAllocator<> value_allocator(values, sizeof values);
    rapidjson::MemoryPoolAllocator<> stack_allocator(stack, sizeof stack);
    rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::MemoryPoolAllocator<>>
        document(&value_allocator, sizeof stack, &stack_allocator);
    document.Parse(json.data(), json.size());
    return use(document);
  }
};

Poller::Poller(const Options &options, std::string client_secret, std::shared_ptr<Cursor> cursor, Logger logger,
               Instant first_start_floor)
    : options_(options),
      api_(std::make_unique<GraphAlertsApi>(endpoints_for(options).alerts_url)),
      http_(transport_options(options)),
      token_(endpoints_for(options).token_url, endpoints_for(options).scope, options.client_id,
             std::move(client_secret)),
      cursor_(std::move(cursor)),
      logger_(std::move(logger)),
      retry_(static_cast<uint64_t>(first_start_floor.ticks) ^ cursor_->id()),
      floor_(first_start_floor),
      page_size_(effective_page_size(options)),
      parse_memory_(std::make_unique<ParseMemory>()) {}

Poller::~Poller() = default;

const PendingAlert *Poller::hand_out() {
  current_ = std::move(pending_.front());
  pending_.pop_front();
  last_handed_out_ = current_.sequence;
  stats_.add(DEFENDER_STAT_ALERTS_EMITTED);
  return &current_;
}

std::variant<const PendingAlert *, Idle> Poller::next(Instant now) {
  if (!pending_.empty()) return hand_out();

  for (int requests = 0; requests < max_requests_per_call; ++requests) {
    if (now < retry_at_) return Idle{std::min(max_idle_ms, milliseconds_between(now, retry_at_))};
    if (!reader_) {
      if (now < next_poll_at_) return Idle{std::min(max_idle_ms, milliseconds_between(now, next_poll_at_))};
      start_window(now);
      if (!reader_) continue;
    }
    if (const auto failure = read_page(now)) {
      fail(*failure, now);
      continue;
    }
    if (consecutive_failures_ > 0) {
      logger_.notice("the alert API answers again; polling resumes",
                     {{"failed_attempts", std::to_string(consecutive_failures_)}});
      consecutive_failures_ = 0;
      retry_.succeeded();
    }
    if (reader_->done()) reader_.reset();
    if (!pending_.empty()) return hand_out();
  }
  return Idle{0};
}

void Poller::start_window(Instant now) {
  const Instant until = server_clock_.now(now);
  const Instant from = std::max(cursor_->position().minus_seconds(options_.late_arrival_seconds), floor_);
  window_started_ = now;
  next_poll_at_ = now.plus_seconds(options_.poll_interval_seconds);
  if (from < until) reader_.emplace(from, until, page_size_);
}

std::optional<Failure> Poller::read_page(Instant now) {
  std::string url = api_->page_url(reader_->request(), http_);
  auto failure = request_page(now, url);
  // One fresh token for a refused one: it may have been revoked or rotated before its expiry.
  if (failure && response_.status == 401) {
    token_.invalidate();
    failure = request_page(now, url);
  }
  if (failure) return failure;
  take_page(url);
  return std::nullopt;
}

std::optional<Failure> Poller::request_page(Instant now, std::string &url) {
  if (auto failure = token_.ensure(http_, response_, stats_, now)) {
    response_.status = 0;
    return failure;
  }
  HttpRequest request;
  request.url = url;
  request.headers = api_->request_headers();
  request.headers.push_back(token_.bearer_header());

  const HttpResult result = http_.perform(request, response_);
  if (result.outcome == TransportOutcome::aborted) return Failure{FailureKind::aborted, "shutting down", std::nullopt};
  stats_.count_response(result.outcome == TransportOutcome::ok ? response_.status : 0);
  if (result.outcome == TransportOutcome::failed)
    return Failure{FailureKind::transient, "GET " + url + " failed: " + result.error, std::nullopt};
  server_clock_.observe(response_.date, now);

  const long status = response_.status;
  if (status == 200) return std::nullopt;
  const std::string what = "the alert API answered HTTP " + std::to_string(status) + " (" +
                           describe(parse_api_error(response_.body)) + ") to GET " + url;
  if (status == 401)
    return Failure{FailureKind::configuration,
                   what + "; the token was refused twice: check that api-url() and the token audience belong to the "
                          "same cloud",
                   std::nullopt};
  if (status == 403) return Failure{FailureKind::configuration, what + "; " + std::string(api_->permission_advice()), std::nullopt};
  if (status == 429)
    return Failure{FailureKind::throttled, what, parse_retry_after(response_.retry_after, now)};
  if (status >= 500)
    return Failure{FailureKind::transient, what, parse_retry_after(response_.retry_after, now)};
  return Failure{FailureKind::configuration, what, std::nullopt};
}

void Poller::take_page(const std::string &url) {
  stats_.add(DEFENDER_STAT_PAGES);
  const ScannedPage page = scan_page(response_.body);

  PageSummary summary;
  summary.served = page.items.size();
  summary.next_link = page.next_link;
  // A cut-off page is not known to be the last: what follows its last whole alert is asked for again.
  summary.more = !page.next_link.empty() || !page.complete;

  size_t unreadable = 0;
  std::string first_problem;
  for (size_t i = 0; i < page.items.size(); ++i) {
    const std::string_view item = page.items[i];
    std::optional<Alert> alert = parse_memory_->parse(item, [&](const auto &document) {
      std::optional<Alert> adapted;
      if (document.HasParseError()) {
        if (first_problem.empty())
          first_problem = "alert " + std::to_string(i + 1) + " is not valid JSON (" +
                          rapidjson::GetParseError_En(document.GetParseError()) + " at byte " +
                          std::to_string(document.GetErrorOffset()) + ")";
      } else if (!(adapted = api_->adapt(document)) && first_problem.empty()) {
        first_problem = "alert " + std::to_string(i + 1) + " has no id or no valid update time";
      }
      return adapted;
    });
    if (!alert) {
      ++unreadable;
      continue;
    }
    summary.times.push_back(alert->updated);
    const VersionKey key = version_key(alert->record_id.empty() ? alert->id : alert->record_id, alert->updated);
    if (cursor_->was_emitted(key)) {
      stats_.add(DEFENDER_STAT_DUPLICATES_SUPPRESSED);
      continue;
    }
    compact_json(item, alert->raw_json);
    ++summary.new_versions;
    pending_.push_back(PendingAlert{std::move(*alert), cursor_->emit(key)});
  }

  if (!page.complete) {
    stats_.add(DEFENDER_STAT_PARSE_ERRORS);
    logger_.warning("a response was cut off or malformed; its whole alerts are delivered and the rest is asked for again",
                    {{"request", url}, {"request_id", response_.request_id}, {"problem", page.error}});
  }
  if (unreadable > 0) {
    stats_.add(DEFENDER_STAT_PARSE_ERRORS, static_cast<int64_t>(unreadable));
    logger_.warning("alerts in a page could not be read and were skipped; the rest of the page is delivered",
                    {{"request", url},
                     {"request_id", response_.request_id},
                     {"unreadable", std::to_string(unreadable)},
                     {"first_problem", first_problem}});
  }
  if (const auto complete = reader_->on_page(summary)) cursor_->complete_below(*complete);
}

void Poller::fail(const Failure &failure, Instant now) {
  if (failure.kind == FailureKind::aborted) {
    retry_at_ = after_ms(now, max_idle_ms);
    return;
  }
  ++consecutive_failures_;
  const int64_t delay = retry_.delay_ms(failure);
  retry_at_ = after_ms(now, delay);
  const Logger::Tags tags{{"retry_in_seconds", std::to_string((delay + 999) / 1000)},
                          {"attempt", std::to_string(consecutive_failures_)}};
  if (failure.kind == FailureKind::configuration) logger_.error(failure.message, tags);
  else logger_.warning(failure.message, tags);
}

}  // namespace defender
