// Where a URL's requests go: its origin (RFC 6454), as the one place that decides whether a request may carry the
// bearer token compares it.
#pragma once

#include <string>
#include <string_view>

namespace defender {

// "scheme://host:port" in lower case with the port spelled out, read by libcurl's own URL parser so that what is
// compared is where libcurl connects. Empty when the URL does not parse, is not http(s), holds a control character
// or a space, or carries a user or password (a link from a server has no business with either).
std::string origin_of(std::string_view url);

}  // namespace defender
