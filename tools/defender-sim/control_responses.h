#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_message.h"
#include "url.h"

namespace sim {

// The plumbing the /_sim endpoints share.

// The most alerts or incidents one control request makes or changes.
inline constexpr std::size_t kMaxBatch = 100'000;

HttpResponse json_response(int status, std::string body);
HttpResponse control_error(int status, std::string_view message);  // {"error": message}

// The request's query parameters; nullopt when they are not correctly encoded.
std::optional<Params> control_params(const HttpRequest &request);

// A non-negative integer parameter, `fallback` when absent; nullopt when present but not a number in range.
std::optional<std::size_t> size_param(const Params &params, std::string_view name, std::size_t fallback,
                                      std::size_t max);

// Every value of a repeatable parameter.
std::vector<std::string> all_params(const Params &params, std::string_view name);

}  // namespace sim
