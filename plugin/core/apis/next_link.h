// Whether a page's @odata.nextLink is followed. The request to it carries the bearer token, so only a link to the
// API's own origin is; any other is dropped, and the window reader pages on by the source's own query ($skip), as
// when the server gives no link.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace defender {

struct NextLink {
  std::string follow;                  // the link to request next; empty: page on by the source's own query
  std::optional<std::string> refusal;  // why the server's link is not followed, for the log
};

// api_origin: origin_of() the configured alerts URL.
NextLink check_next_link(std::string_view link, std::string_view api_origin);

}  // namespace defender
