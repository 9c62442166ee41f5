// Why a request did not give what the poller needed, and how soon to try again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace defender {

enum class FailureKind {
  configuration,  // wrong secret, tenant, client, permission, filter: a person must act; retry slowly
  throttled,      // 429: wait as long as the service says
  transient,      // 5xx, network, TLS handshake interrupted, malformed answer: back off and retry
  aborted,        // shutdown or reload
};

struct Failure {
  FailureKind kind;
  std::string message;                         // for the person reading the log at 3 a.m.: cause and what to do
  std::optional<int64_t> retry_after_seconds;  // from Retry-After, when the service sent one
  long http_status = 0;                        // the alert API's answer; 0 when none arrived or not the API's
  bool timed_out = false;                      // no complete answer within timeout(): a server too slow to serve it
  bool unreadable_items = false;               // items in the answer could not be read (too large or malformed)
  bool repeated = false;  // the same failure as the last attempt's, already told: logged at debug level only
};

}  // namespace defender
