#include "api_errors.h"

#include "graph_errors.h"
#include "mde_errors.h"

namespace sim {
namespace {

const char *graph_token_message(TokenCheck check) {
  switch (check) {
    case TokenCheck::Missing:
      return "Access token is empty.";
    case TokenCheck::Malformed:
      return "CompactToken parsing failed with error code: 80049217";
    case TokenCheck::Unknown:
      return "Access token validation failure. Invalid signature.";
    case TokenCheck::Expired:
      return "Lifetime validation failed, the token is expired.";
    case TokenCheck::WrongAudience:
      return "Access token validation failure. Invalid audience.";
    case TokenCheck::Ok:
      break;
  }
  return "";
}

template <typename Range>
std::string joined(const Range &items) {
  std::string out;
  for (const auto &item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

}  // namespace

HttpResponse api_error(Api api, const HttpRequest &request, int status, std::string_view code,
                       std::string_view message) {
  if (is_graph(api)) return graph_error(status, code, message, graph_request_ids(request));
  return mde_error(status, code, message);
}

HttpResponse api_unauthorized(Api api, const HttpRequest &request, TokenCheck check) {
  if (!is_graph(api)) return mde_unauthorized(check);
  HttpResponse r = api_error(api, request, 401, "InvalidAuthenticationToken", graph_token_message(check));
  r.set_header("WWW-Authenticate",
               "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
               "client_id=\"00000003-0000-0000-c000-000000000000\"");
  return r;
}

HttpResponse api_forbidden(Api api, const HttpRequest &request, std::span<const std::string_view> required,
                           const std::vector<std::string> &granted) {
  return api_error(api, request, 403, "Forbidden",
                   "Missing application roles. API required roles: " + joined(required) +
                       ". API application roles: " + joined(granted) + ".");
}

}  // namespace sim
