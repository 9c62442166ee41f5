// Reads the alert versions of one time range with everything the source uses — the API's window plan and paging,
// deduplication by version key, the request budget, token refresh, Retry-After and backoff — but with no persisted
// state: a backfill or a dry run (defender-fetch fetch). The range is [from, until) on the time the API pages on,
// with `until` no later than now, since a window ends at the service's now at the latest. The SIEM API widens the
// range to whole milliseconds, its resolution.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "config/options.h"
#include "credentials/client_credential.h"
#include "failures/failure.h"
#include "poller/poller.h"
#include "record.h"
#include "reporting/logger.h"

namespace defender {

class BackfillReader {
 public:
  // Failed attempts in a row (each after the poller's backoff) after which read() gives up.
  static constexpr int max_attempts = 5;

  BackfillReader(const Options &options, ClientCredential credential, Instant from, Instant until, Logger logger,
                 Clock clock);

  // Hands every new version to `each`, oldest window first, until the range is read or `each` returns false.
  // Stops early with the failure when it is one a person must fix, or after max_attempts failures in a row; the
  // poller has logged it by then.
  std::optional<Failure> read(const std::function<bool(const Record &)> &each);

  const Stats &stats() const { return poller_.stats(); }

 private:
  Instant until_;
  Poller poller_;
};

}  // namespace defender
