#include "router.h"

#include <algorithm>
#include <vector>

#include "control_responses.h"
#include "graph_errors.h"
#include "mde_errors.h"
#include "url.h"

namespace sim {
namespace {

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    path.remove_prefix(1);  // the '/'
    const auto slash = path.find('/');
    out.push_back(percent_decode(path.substr(0, slash), false).value_or(std::string(path.substr(0, slash))));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  if (!out.empty() && out.back().empty()) out.pop_back();  // a trailing slash
  return out;
}

bool matches(const std::vector<std::string> &s, std::initializer_list<std::string_view> expected) {
  if (s.size() != expected.size()) return false;
  std::size_t i = 0;
  for (const auto e : expected)
    if (!iequals(s[i++], e)) return false;
  return true;
}

}  // namespace

Router::Router(TokenEndpoint &tokens, const TokenService &token_service, ApiGate &gate, AlertApis apis,
               ControlApi &control, ForeignOrigin &foreign)
    : tokens_(tokens), token_service_(token_service), gate_(gate), apis_(apis), control_(control), foreign_(foreign) {}

AlertApi &Router::api_alerts_for(const HttpRequest &request) {
  const auto audience = token_service_.audience_of(bearer_token(request));
  const auto siem = audiences_of(Api::Siem);
  if (audience && std::find(siem.begin(), siem.end(), *audience) != siem.end()) return apis_.siem;
  return apis_.alerts;
}

HttpResponse Router::route_foreign(const HttpRequest &request) {
  foreign_.record(request);
  const std::vector<std::string> s = segments(request.path);
  if (!s.empty() && s[0] == "_sim") return control_error(404, "the control endpoints are on the main origin");
  return route(request);
}

HttpResponse Router::route(const HttpRequest &request) {
  const std::vector<std::string> s = segments(request.path);
  if (!s.empty() && s[0] == "_sim") return control_.handle(request);
  if (s.size() == 4 && iequals(s[1], "oauth2") && iequals(s[2], "v2.0") && iequals(s[3], "token"))
    return tokens_.handle(request, s[0], TokenEndpointVersion::V2);
  if (s.size() == 3 && iequals(s[1], "oauth2") && iequals(s[2], "token"))
    return tokens_.handle(request, s[0], TokenEndpointVersion::V1);
  if (matches(s, {"v1.0", "security", "alerts_v2"})) return gate_.handle(apis_.graph, request);
  if (matches(s, {"v1.0", "security", "incidents"}) ||
      (s.size() == 4 && matches({s.begin(), s.begin() + 3}, {"v1.0", "security", "incidents"})))
    return gate_.handle(apis_.incidents, request);
  if (matches(s, {"api", "alerts"}) || matches(s, {"api", "v1.0", "alerts"}))
    return gate_.handle(api_alerts_for(request), request);
  if (!s.empty() && iequals(s[0], "api"))
    return mde_error(404, "ResourceNotFound", "Resource " + request.path + " was not found.");

  const GraphRequestIds ids = graph_request_ids(request);
  std::string segment = s.empty() ? std::string() : s.back();
  if (s.size() >= 2 && (iequals(s[0], "v1.0") || iequals(s[0], "beta"))) {
    for (std::size_t i = 1; i < s.size(); ++i) {
      const bool known = (i == 1 && iequals(s[i], "security")) ||
                         (i == 2 && (iequals(s[i], "alerts_v2") || iequals(s[i], "incidents")));
      if (!known) {
        segment = s[i];
        break;
      }
    }
  }
  return graph_error(404, "NotFound", "Resource not found for the segment '" + segment + "'.", ids);
}

}  // namespace sim
