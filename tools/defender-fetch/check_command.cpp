// check: does this app registration work with this API? Each step says OK or what the service answered, with the
// advice the module logs; the first failing step decides the exit status.
#include <memory>

#include "apis/alert_api.h"
#include "apis/page_scanner.h"
#include "commands.h"
#include "config/endpoints.h"
#include "configuration.h"
#include "failure_status.h"
#include "failures/api_refusal.h"
#include "failures/transport_failure.h"
#include "record_noun.h"
#include "terminal.h"
#include "token_claims.h"
#include "token_step.h"
#include "wall_clock.h"

namespace defender::fetch {
namespace {

std::string audience_line(const Endpoints &endpoints) {
  return endpoints.token_version == TokenVersion::v2 ? "v2, scope " + endpoints.audience + "/.default"
                                                     : "v1, resource " + endpoints.audience;
}

std::string joined(const std::vector<std::string> &items) {
  std::string text;
  for (const auto &item : items) text += (text.empty() ? "" : " ") + item;
  return text.empty() ? "(none)" : text;
}

void show_claims(const TokenClaims &claims, Instant now) {
  say("  aud: " + claims.audience);
  say("  iss: " + claims.issuer);
  say("  tid: " + claims.tenant);
  say("  appid: " + claims.app_id);
  say("  roles: " + joined(claims.roles));
  if (claims.expires)
    say("  exp: " + format_instant(*claims.expires) + " (in " +
        std::to_string((claims.expires->ticks - now.ticks) / Instant::ticks_per_second) + " seconds)");
}

// Whether the token carries the role the API checks: false only when it is known to lack it.
bool check_role(const std::optional<TokenClaims> &claims, const Options &options, const AlertApi &api) {
  const std::string api_option = "api(" + std::string(api_name(options.api)) + ")";
  if (options.api == Api::siem) {
    say("role: none needed: SIEM API tokens carry no role; the SIEM API admits the app that 'Enable SIEM "
        "integration' created");
    return true;
  }
  const std::string role(required_role(options.api));
  if (!claims) {
    say("role: unknown: the token is not a JWT, so its roles cannot be read");
    return true;
  }
  if (grants(claims->roles, options.api)) {
    say("role: OK: " + role + ", which " + api_option + " needs");
    return true;
  }
  say("role: MISSING: " + api_option + " needs " + role);
  report("the token has no " + role + " role; " + std::string(api.permission_advice()));
  return false;
}

// One page of the last minute, at most one alert (or incident); a 401 gets one fresh token, as in the source.
ExitStatus check_api(const Options &options, const AlertApi &api, TokenProvider &token, HttpClient &http) {
  const Instant now = wall_clock();
  PageRequest minute;
  minute.from = now.minus_seconds(60);
  minute.until = now;
  minute.top = options.api == Api::siem ? 0 : 1;
  const std::string url = api.page_url(minute, http);
  say("request: GET " + url);
  HttpResponse response;
  for (bool refreshed = false;; refreshed = true) {
    HttpRequest request;
    request.url = url;
    request.max_body_bytes = static_cast<size_t>(options.max_response_bytes);
    request.headers = api.request_headers();
    request.headers.push_back(token.bearer_header());
    const HttpResult result = http.perform(request, response);
    if (result.outcome != TransportOutcome::ok) {
      say("answer: FAILED");
      report(transport_failure(result, "GET " + url, url, options.transport).message);
      return ExitStatus::network;
    }
    if (response.status != 401 || refreshed) break;
    token.invalidate();
    if (const auto status = request_token(token, http, wall_clock())) return *status;
  }
  if (response.status != 200) {
    const Failure failure = api_refusal(response, url, options, api, wall_clock());
    say("answer: FAILED (HTTP " + std::to_string(response.status) + ")");
    report(failure.message);
    return api_failure_status(failure);
  }
  const ScannedPage page = scan_page(response.body, api.max_page_items());
  if (!page.complete) {
    say("answer: FAILED (HTTP 200)");
    report("the answer to GET " + url + " was cut off or malformed (" + page.error + ")");
    return ExitStatus::network;
  }
  say("answer: OK (HTTP 200, " + counted(static_cast<int64_t>(page.items.size()), record_noun(options.api)) +
      " in the page)");
  return ExitStatus::ok;
}

}  // namespace

ExitStatus run_check(const Arguments &arguments) {
  const Options &options = arguments.options;
  auto configuration = load_configuration(options, terminal_logger(arguments.verbose), wall_clock());
  if (const auto *problem = std::get_if<std::string>(&configuration)) {
    report(*problem);
    return ExitStatus::usage;
  }
  const Endpoints endpoints = endpoints_for(options);
  say("token endpoint: " + endpoints.token_url + " (" + audience_line(endpoints) + ")");
  say("credential: " + std::string(credential_kind(options)) + " of client " + options.client_id);

  HttpClient http(options.transport);
  TokenProvider token(endpoints, options.client_id, std::move(std::get<ClientCredential>(configuration)),
                      options.assertion_algorithm);
  if (const auto status = request_token(token, http, wall_clock())) {
    say("token: FAILED");
    return *status;
  }
  say("token: OK");
  const auto claims = decode_token(access_token(token));
  if (claims) show_claims(*claims, wall_clock());

  const auto api = make_alert_api(options, endpoints);
  const bool role_present = check_role(claims, options, *api);
  const ExitStatus answer = check_api(options, *api, token, http);
  if (answer != ExitStatus::ok) return answer;
  return role_present ? ExitStatus::ok : ExitStatus::permission;
}

}  // namespace defender::fetch
