#include "api_gate.h"

#include <algorithm>
#include <chrono>

#include "api_errors.h"
#include "gzip.h"
#include "hostile_body.h"
#include "url.h"

namespace sim {
namespace {

struct StatusText {
  int status;
  std::string_view code;
  std::string_view message;
};

// The codes both error shapes use (docs/microsoft-apis.md, "Error answers").
constexpr StatusText kStatusTexts[] = {
    {429, "TooManyRequests", "Response represents reaching quota limit either by number of requests or by CPU."},
    {500, "InternalServerError", ""},
    {502, "BadGateway", "The service received an invalid response from an upstream server."},
    {503, "ServiceUnavailable", "The service is temporarily unavailable. Try sending the request again."},
    {504, "GatewayTimeout", "The service did not answer in time. Try sending the request again."},
};

const StatusText &status_text(int status) {
  for (const auto &t : kStatusTexts)
    if (t.status == status) return t;
  return kStatusTexts[1];
}

std::int64_t whole_seconds_up(Ticks t) { return std::max<Ticks>(1, (t + kTicksPerSecond - 1) / kTicksPerSecond); }

HttpResponse status_fault(Api api, const HttpRequest &request, const FaultRule &rule, Ticks now) {
  const StatusText &text = status_text(rule.status);
  HttpResponse r = api_error(api, request, rule.status, text.code, text.message);
  if (rule.status == 429 || rule.status == 503) {
    r.set_header("Retry-After", rule.retry_after_date ? format_http_date(now + rule.retry_after * kTicksPerSecond)
                                                      : std::to_string(rule.retry_after));
  }
  return r;
}

bool cuts_json(const std::optional<FaultRule> &rule) {
  return rule && rule->kind == FaultKind::Truncate && rule->mode == FaultMode::Json;
}

void set_delivery(const FaultRule &rule, HttpResponse &r) {
  const auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(rule.delay * 1000));
  switch (rule.kind) {
    case FaultKind::Reset:
      r.delivery.cut = Delivery::Cut::Reset;
      r.delivery.cut_after = r.body.size() / 2;
      break;
    case FaultKind::Truncate:
      if (rule.mode == FaultMode::Connection) {
        r.delivery.cut = Delivery::Cut::Close;
        r.delivery.cut_after = r.body.size() / 2;
      }
      break;
    case FaultKind::Slow:
      (rule.mode == FaultMode::Trickle ? r.delivery.trickle : r.delivery.first_byte_delay) = delay;
      break;
    case FaultKind::Status:
    case FaultKind::BadAlert:
      break;
  }
}

}  // namespace

std::string_view bearer_token(const HttpRequest &request) {
  const auto auth = request.header("authorization");
  if (!auth || auth->size() < 7 || !iequals(auth->substr(0, 7), "Bearer ")) return {};
  std::string_view token = auth->substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  return token;
}

ApiGate::ApiGate(const TokenService &tokens, FaultPlan &faults, Budgets &budgets, HostileAnswers &hostile,
                 SimStats &stats)
    : tokens_(tokens), faults_(faults), budgets_(budgets), hostile_(hostile), stats_(stats) {}

HttpResponse ApiGate::handle(AlertApi &api, const HttpRequest &request) {
  const Ticks now = now_ticks();
  const auto accept_encoding = request.header("accept-encoding");
  const bool gzip = accept_encoding && accepts_gzip(*accept_encoding);
  std::optional<FaultRule> transport;
  ApiAnswer answer = respond(api, request, now, gzip, transport);
  HttpResponse &r = answer.response;
  if (r.status >= 400 && !transport && !answer.hostile) {
    answer.hostile = hostile_.next(HostileTarget::Errors);
    if (answer.hostile) make_hostile(r, *answer.hostile, error_envelope(*answer.hostile));
  }
  if (cuts_json(transport)) r.body.resize(r.body.size() / 2);  // before gzip: cut JSON, honestly framed
  if (gzip && !answer.hostile && !r.header_value("Content-Encoding")) {
    r.body = gzip_compress(r.body);
    r.set_header("Content-Encoding", "gzip");
  }
  if (transport) set_delivery(*transport, r);
  if (transport || !answer.broken_alert.empty())
    faults_.record({now, api.kind(), transport ? fault_kind_name(*transport) : "bad-alert", answer.broken_alert});
  if (!answer.fault.empty()) faults_.record({now, api.kind(), answer.fault, {}});
  stats_.record_api_request(api.kind(), r.status, answer.alerts_served, now, answer.hostile);
  return std::move(r);
}

ApiAnswer ApiGate::respond(AlertApi &api, const HttpRequest &request, Ticks now, bool gzip,
                           std::optional<FaultRule> &transport) {
  if (request.method != "GET") {
    HttpResponse r = api_error(api.kind(), request, 405, "MethodNotAllowed",
                               "The requested resource does not support http method '" + request.method + "'.");
    r.set_header("Allow", "GET");
    return {std::move(r)};
  }
  const std::string_view token = bearer_token(request);
  const TokenCheck check = tokens_.check(token, audiences_of(api.kind()), now);
  if (check != TokenCheck::Ok) return {api_unauthorized(api.kind(), request, check)};
  if (const auto required = required_roles(api.kind()); !required.empty()) {
    const std::vector<std::string> granted = tokens_.roles_of(token);
    const auto held = [&](std::string_view role) {
      return std::find(granted.begin(), granted.end(), role) != granted.end();
    };
    if (std::none_of(required.begin(), required.end(), held))
      return {api_forbidden(api.kind(), request, required, granted)};
  }

  if (const auto wait = budgets_.admit(api.kind(), now)) {
    HttpResponse r = api_error(api.kind(), request, 429, "TooManyRequests", status_text(429).message);
    r.set_header("Retry-After", std::to_string(whole_seconds_up(*wait)));
    return {std::move(r)};
  }
  const std::optional<FaultRule> fault = faults_.next(api.kind());
  if (fault && fault->kind == FaultKind::Status) {
    faults_.record({now, api.kind(), fault_kind_name(*fault), {}});
    return {status_fault(api.kind(), request, *fault, now)};
  }
  if (!fault) {
    if (const auto kind = hostile_.next(HostileTarget::Pages)) {
      ApiAnswer answer;
      answer.response.set_header("Content-Type", "application/json; charset=utf-8");
      make_hostile(answer.response, *kind, page_envelope(api.kind(), *kind));
      answer.hostile = kind;
      return answer;
    }
  }
  const bool breaks = fault && fault->kind == FaultKind::BadAlert;
  if (fault && !breaks) transport = fault;
  // A page whose JSON is to be cut is compressed after the cut, by the gate, not from the API's cached segments.
  const ServeContext context{now, gzip && !cuts_json(transport), breaks ? fault->mode : FaultMode::None};
  return api.serve(request, context);
}

}  // namespace sim
