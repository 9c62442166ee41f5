#include "token_endpoint.h"

#include "base64.h"
#include "hostile_body.h"
#include "json_writer.h"
#include "random.h"
#include "url.h"

namespace sim {
namespace {

constexpr std::string_view kJwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

EntraError missing(std::string_view parameter) {
  return {400, "invalid_request", 900144,
          "The request body must contain the following parameter: '" + std::string(parameter) + "'."};
}

struct Credentials {
  const std::string *client_id = nullptr;
  const std::string *client_secret = nullptr;
  std::string basic_id;  // from an Authorization: Basic header (RFC 6749 §2.3.1)
  std::string basic_secret;
};

// Client id and secret from the body, or from HTTP Basic (each part form-encoded).
Credentials credentials(const HttpRequest &request, const Params &form) {
  Credentials c{find_param(form, "client_id"), find_param(form, "client_secret"), {}, {}};
  const auto auth = request.header("authorization");
  if (!auth || auth->size() < 6 || !iequals(auth->substr(0, 6), "Basic ")) return c;
  const auto decoded = base64_decode(auth->substr(6));
  if (!decoded) return c;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return c;
  c.basic_id = percent_decode(decoded->substr(0, colon), true).value_or("");
  c.basic_secret = percent_decode(decoded->substr(colon + 1), true).value_or("");
  if (!c.client_id) c.client_id = &c.basic_id;
  if (!c.client_secret) c.client_secret = &c.basic_secret;
  return c;
}

}  // namespace

TokenEndpoint::TokenEndpoint(AppRegistration app, TokenService &tokens, HostileAnswers &hostile, SimStats &stats)
    : app_(std::move(app)), tokens_(tokens), hostile_(hostile), stats_(stats) {}

HttpResponse TokenEndpoint::handle(const HttpRequest &request, std::string_view tenant, TokenEndpointVersion version) {
  TokenAnswer answer = respond(request, tenant, version);
  stats_.record_token_request(version == TokenEndpointVersion::V2 ? "v2" : "v1", answer.outcome);
  HttpResponse &r = answer.response;
  const bool issued = r.status == 200;
  if (const auto kind = hostile_.next(issued ? HostileTarget::Tokens : HostileTarget::Errors))
    make_hostile(r, *kind, issued ? token_envelope() : error_envelope(*kind));
  return std::move(r);
}

TokenEndpoint::TokenAnswer TokenEndpoint::respond(const HttpRequest &request, std::string_view tenant,
                                                  TokenEndpointVersion version) {
  const bool v2 = version == TokenEndpointVersion::V2;
  const auto fail = [&](const EntraError &e) {
    return TokenAnswer{entra_error_response(e, request), "AADSTS" + std::to_string(e.code)};
  };

  if (request.method != "POST")
    return fail({400, "invalid_request", 900561,
                 "The endpoint only accepts POST, OPTIONS requests. Received a " + request.method + " request."});
  if (!iequals(tenant, app_.tenant) && !iequals(tenant, app_.tenant_guid))
    return fail({400, "invalid_request", 90002,
                 "Tenant '" + std::string(tenant) +
                     "' not found. Check to make sure you have the correct tenant ID and are signing into the correct "
                     "cloud. Check with your subscription administrator, this may happen if there are no active "
                     "subscriptions for the tenant."});
  const auto form = parse_params(request.body);
  if (!form) return fail(missing("grant_type"));
  if (v2 && find_param(*form, "resource"))
    return fail({400, "invalid_request", 901002, "The 'resource' request parameter is not supported."});

  const std::string *grant_type = find_param(*form, "grant_type");
  if (!grant_type) return fail(missing("grant_type"));
  if (*grant_type != "client_credentials")
    return fail(
        {400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + *grant_type + "'."});

  const Credentials creds = credentials(request, *form);
  if (!creds.client_id || creds.client_id->empty()) return fail(missing("client_id"));
  if (!iequals(*creds.client_id, app_.client_id))
    return fail({400, "unauthorized_client", 700016,
                 "Application with identifier '" + *creds.client_id + "' was not found in the directory '" +
                     std::string(tenant) +
                     "'. This can happen if the application has not been installed by the administrator of the "
                     "tenant or consented to by any user in the tenant. You may have sent your authentication "
                     "request to the wrong tenant."});

  const std::string *assertion = find_param(*form, "client_assertion");
  if (!assertion && !creds.client_secret)
    return fail({400, "invalid_request", 7000218,
                 "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."});
  if (assertion) {
    const std::string *type = find_param(*form, "client_assertion_type");
    if (!type) return fail(missing("client_assertion_type"));
    if (*type != kJwtBearer)
      return fail(
          {400, "invalid_request", 7000219,
           "The client_assertion_type '" + *type + "' is not supported; expected '" + std::string(kJwtBearer) + "'."});
    // The assertion's audience is the token URL the client used; either tenant form and either version is accepted.
    const std::string host(request.header("host").value_or("login.microsoftonline.com"));
    std::vector<std::string> audiences;
    for (const auto &t : {app_.tenant, app_.tenant_guid, std::string(tenant)})
      for (const auto *path : {"/oauth2/v2.0/token", "/oauth2/token"})
        audiences.push_back("https://" + host + "/" + t + path);
    if (const auto e =
            verify_client_assertion(*assertion, app_.certificate.get(), app_.client_id, audiences, now_ticks()))
      return fail(*e);
  } else if (*creds.client_secret != app_.client_secret) {
    return fail({401, "invalid_client", 7000215,
                 "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
                 "value, not the client secret ID, for a secret added to app '" +
                     app_.client_id + "'."});
  }

  std::string_view audience;
  std::string resource;
  if (v2) {
    const std::string *scope = find_param(*form, "scope");
    if (!scope) return fail(missing("scope"));
    constexpr std::string_view kDefault = "/.default";
    if (scope->ends_with(kDefault) && scope->find(' ') == std::string::npos)
      audience = known_audience(std::string_view(*scope).substr(0, scope->size() - kDefault.size()));
    if (audience.empty())
      return fail(
          {400, "invalid_scope", 70011,
           "The provided value for the input parameter 'scope' isn't valid. The scope " + *scope + " isn't valid."});
  } else {
    const std::string *res = find_param(*form, "resource");
    if (!res) return fail(missing("resource"));
    audience = known_audience(*res);
    if (audience.empty())
      return fail({400, "invalid_resource", 500011,
                   "The resource principal named " + *res + " was not found in the tenant named " +
                       std::string(tenant) +
                       ". This can happen if the application has not been installed by the administrator of the "
                       "tenant or consented to by any user in the tenant. You might have sent your authentication "
                       "request to the wrong tenant."});
    resource = *res;
  }

  const Ticks now = now_ticks();
  const IssuedToken token = tokens_.issue(audience, app_.client_id, now);
  const std::int64_t lifetime = tokens_.lifetime() / kTicksPerSecond;
  JsonWriter w;
  w.begin_object();
  w.key("token_type").str("Bearer");
  if (v2) {
    w.key("expires_in").integer(lifetime);
    w.key("ext_expires_in").integer(lifetime);
  } else {
    // A v1 sample has these numbers as strings (docs/microsoft-apis.md, "Token endpoints and audiences").
    w.key("expires_in").str(std::to_string(lifetime));
    w.key("ext_expires_in").str(std::to_string(lifetime));
    w.key("expires_on").str(std::to_string(token.expires_at / kTicksPerSecond));
    w.key("not_before").str(std::to_string(token.issued_at / kTicksPerSecond));
    w.key("resource").str(resource);
  }
  w.key("access_token").str(token.access_token);
  w.end_object();

  HttpResponse r;
  add_entra_headers(r, entropy_rng().guid());
  r.body = w.take();
  return {std::move(r), "success"};
}

}  // namespace sim
