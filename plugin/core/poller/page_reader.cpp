#include "poller/page_reader.h"

#include <malloc.h>

#include "apis/next_link.h"
#include "apis/page_scanner.h"
#include "cursor/version_key.h"

namespace defender {
namespace {

std::string request_id_of(const HttpResponse &answer) {
  return answer.request_id.empty() ? std::string("none") : answer.request_id;
}

}  // namespace

PageReader::PageReader(const AlertApi &api, Cursor &cursor, Stats &stats, Logger logger, std::string api_origin,
                       int64_t max_response_bytes)
    : api_(api),
      cursor_(cursor),
      stats_(stats),
      logger_(std::move(logger)),
      api_origin_(std::move(api_origin)),
      max_response_bytes_(max_response_bytes) {}

PendingRecord PageReader::take_new() {
  PendingRecord next = std::move(new_.front());
  new_.pop_front();
  return next;
}

PageRead PageReader::read(HttpResponse &answer, const std::string &url) {
  rejecting_ = false;
  stats_.add(DEFENDER_STAT_PAGES);
  const ScannedPage page = scan_page(answer.body, api_.max_page_items());

  PageSummary summary;
  summary.served = page.items.size();
  summary.next_link = followed_link(page.next_link, answer, url);
  summary.more = !page.next_link.empty();  // the server says there is more, whether or not its link is followed
  summary.cut_off = !page.complete;

  const UnreadableAlerts unreadable = alert_reader_.read(
      page, answer.body, [&](const rapidjson::Value &object) { return api_.adapt(object); },
      [&](Record &&record) -> std::optional<std::string> {
        const std::optional<Instant> paged = paging_time_of(record, api_.paging_time());
        if (!paged) return "has no valid creation time";
        summary.times.push_back(*paged);
        const VersionKey key = version_key(version_id(record), *paged);
        if (cursor_.was_emitted(key)) {
          stats_.add(DEFENDER_STAT_DUPLICATES_SUPPRESSED);
          return std::nullopt;
        }
        ++summary.new_versions;
        new_.push_back(PendingRecord{std::move(record), cursor_.emit(key)});
        return std::nullopt;
      });

  if (unreadable.count > 0) {
    stats_.add(DEFENDER_STAT_PARSE_ERRORS, static_cast<int64_t>(unreadable.count));
    // A service that sent a broken answer once may send the right one next time: the readable alerts are
    // delivered, and nothing is taken as read until the page was asked for again a few times. An answer without
    // one readable alert may stand in for a whole page (a proxy's or a broken server's): it is never taken as read.
    if (++unreadable_attempts_ < max_unreadable_attempts || summary.times.empty()) {
      PageRead again{std::nullopt,
                     malformed(answer, url,
                               std::to_string(unreadable.count) +
                                   " of its alerts could not be read; the first: " + unreadable.first_problem)};
      again.failure->unreadable_items = true;
      return again;
    }
    logger_.warning(
        "alerts in a page could not be read, also when asked again, and were skipped; the rest of the "
        "page is delivered",
        {{"request", url},
         {"request_id", answer.request_id},
         {"attempts", std::to_string(unreadable_attempts_)},
         {"unreadable", std::to_string(unreadable.count)},
         {"first_problem", unreadable.first_problem}});
  }
  unreadable_attempts_ = 0;
  PageRead read{std::move(summary), std::nullopt};
  if (!page.complete) {
    stats_.add(DEFENDER_STAT_PARSE_ERRORS);
    read.failure = malformed(answer, url, page.error);
  }
  return read;
}

Failure PageReader::malformed(const HttpResponse &answer, const std::string &url, const std::string &problem) const {
  Failure failure{FailureKind::transient,
                  "the answer to GET " + url + " (request id " + request_id_of(answer) +
                      ") was cut off or malformed (" + problem +
                      "); its readable alerts were delivered and the rest is asked for again",
                  std::nullopt};
  // Told again once the attempts that could have skipped the alerts are spent: the source now waits for the page.
  failure.repeated = unreadable_attempts_ > 1 && unreadable_attempts_ != max_unreadable_attempts;
  return failure;
}

// Nothing of it is kept, and nothing narrows the request: it is asked for again after a backoff, as the server may
// have been wrong once.
Failure PageReader::reject_oversized(HttpResponse &answer, const std::string &url) {
  stats_.add(DEFENDER_STAT_ANSWERS_REJECTED);
  Failure failure{FailureKind::transient,
                  "the answer to GET " + url + " (request id " + request_id_of(answer) +
                      ") grew beyond max-response-size(" + std::to_string(max_response_bytes_) +
                      ") bytes and was abandoned; it is asked for again. If this repeats, lower page-size() or raise "
                      "max-response-size()",
                  std::nullopt};
  failure.repeated = rejecting_;
  rejecting_ = true;
  // The transport gives back what it held of a refused answer; this holds even if that changes.
  std::string().swap(answer.body);
  std::string().swap(answer.encoded_body);
  return failure;
}

std::string PageReader::followed_link(const std::string &link, const HttpResponse &answer, const std::string &url) {
  NextLink next = check_next_link(link, api_origin_);
  if (next.refusal) {
    stats_.add(DEFENDER_STAT_NEXT_LINKS_REFUSED);
    if (!next_link_refused_) logger_.error(*next.refusal, {{"request", url}, {"request_id", answer.request_id}});
    next_link_refused_ = true;
  }
  return std::move(next.follow);
}

// Caught up and waiting for the next poll: a backlog's page buffers would otherwise stay with this source's thread
// for good (glibc keeps a freed heap in the thread's arena), megabytes per source once it drained a few big pages.
void PageReader::release_memory(HttpResponse &answer) {
  std::string().swap(answer.body);
  std::string().swap(answer.encoded_body);
  std::deque<PendingRecord>().swap(new_);
  malloc_trim(0);
}

}  // namespace defender
