// The alert API's answer when it is not 200, told as a failure a person can act on: what was asked, what the service
// said (code, message, correlation id) and what to change. The poller logs it; defender-fetch check prints it.
#pragma once

#include <string>

#include "apis/alert_api.h"
#include "config/options.h"
#include "failures/failure.h"
#include "transport/http_client.h"

namespace defender {

// For a 401: the token was already refreshed once and refused again.
Failure api_refusal(const HttpResponse &response, const std::string &url, const Options &options, const AlertApi &api,
                    Instant answered);

}  // namespace defender
