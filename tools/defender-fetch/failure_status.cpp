#include "failure_status.h"

namespace defender::fetch {

ExitStatus token_failure_status(const Failure &failure, const Stats &stats) {
  if (stats.get(DEFENDER_STAT_REQUESTS_NETWORK) > 0) return ExitStatus::network;
  if (failure.kind == FailureKind::configuration) return ExitStatus::credential;
  return ExitStatus::service;
}

ExitStatus api_failure_status(const Failure &failure) {
  if (failure.http_status == 401 || failure.http_status == 403) return ExitStatus::permission;
  if (failure.http_status == 0) return ExitStatus::network;
  return ExitStatus::service;
}

}  // namespace defender::fetch
