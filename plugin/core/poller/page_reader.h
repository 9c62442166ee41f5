// Reads the page in an answer of the alert API: scanned, each alert parsed and adapted, and each version checked
// against the cursor, so that only versions never emitted are queued to be handed out. It keeps what a page costs
// in memory: the alert parser's arena, the queue, and the answer's buffer, given back with the heap once idle.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "apis/alert_api.h"
#include "apis/alert_reader.h"
#include "apis/window_plan.h"
#include "cursor/cursor.h"
#include "failures/failure.h"
#include "reporting/logger.h"
#include "reporting/stats.h"
#include "transport/http_client.h"

namespace defender {

struct PendingRecord {
  Record record;
  uint64_t sequence = 0;
};

// What a page gave the window.
struct PageRead {
  std::optional<PageSummary> summary;  // nothing when the page is not taken as read: it is asked for again
  std::optional<Failure> failure;      // the answer was cut off or malformed, or alerts in it could not be read
};

class PageReader {
 public:
  // Answers to one request with unreadable alerts in them, after which those alerts are skipped and the page is
  // taken as read, so one alert the service always breaks cannot stall the source; only when readable alerts in
  // the same answer show it is the page itself, not something standing in for it.
  static constexpr int max_unreadable_attempts = 4;

  // `api`, `cursor` and `stats` are the poller's and outlive this. `api_origin`: where next links may lead.
  PageReader(const AlertApi &api, Cursor &cursor, Stats &stats, Logger logger, std::string api_origin,
             int64_t max_response_bytes);

  // The page in the answer to GET `url`, read in place (its body is spoilt). New versions are queued.
  PageRead read(HttpResponse &answer, const std::string &url);
  // An answer that outgrew max-response-size(): nothing of it is kept; told once per run of them.
  Failure reject_oversized(HttpResponse &answer, const std::string &url);

  bool has_new() const { return !new_.empty(); }
  // The oldest version queued; has_new() must be true.
  PendingRecord take_new();

  // Gives back the answer's buffer, the queue's and what the heap kept of them.
  void release_memory(HttpResponse &answer);

 private:
  Failure malformed(const HttpResponse &answer, const std::string &url, const std::string &problem) const;
  std::string followed_link(const std::string &link, const HttpResponse &answer, const std::string &url);

  const AlertApi &api_;
  Cursor &cursor_;
  Stats &stats_;
  Logger logger_;
  const std::string api_origin_;
  const int64_t max_response_bytes_;
  AlertReader alert_reader_;
  std::deque<PendingRecord> new_;
  int unreadable_attempts_ = 0;     // answers in a row to the current request that held alerts it could not read
  bool rejecting_ = false;          // the last page answer outgrew max-response-size()
  bool next_link_refused_ = false;  // told once per source
};

}  // namespace defender
