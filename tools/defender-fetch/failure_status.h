// Which exit status a failure the core reports means (exit_status.h).
#pragma once

#include "exit_status.h"
#include "failures/failure.h"
#include "reporting/stats.h"

namespace defender::fetch {

// A token request's failure; `stats` counted that request alone. No answer is the network's; an answer a person
// must act on is Entra ID refusing the credential; throttling or a failing token service is the service's.
ExitStatus token_failure_status(const Failure &failure, const Stats &stats);

// A request to the alert API: 401 and 403 refuse the token; without the API's status no answer arrived.
ExitStatus api_failure_status(const Failure &failure);

}  // namespace defender::fetch
