// A request that got no HTTP answer, told in the terms a person fixes it in: which host, which option.
#pragma once

#include <string_view>

#include "failures/failure.h"
#include "transport/http_client.h"

namespace defender {

// `what` names the request, e.g. "GET https://api.security.microsoft.com/api/alerts?...". An untrusted certificate
// and refused proxy credentials need a person (slow retry); everything else may pass (backoff).
Failure transport_failure(const HttpResult &result, std::string_view what, std::string_view url,
                          const TransportOptions &options);

// "host:port" of an http(s) URL, for messages.
std::string_view host_of(std::string_view url);

}  // namespace defender
