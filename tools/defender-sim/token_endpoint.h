#pragma once

#include <memory>
#include <string>

#include "client_assertion.h"
#include "hostile_answers.h"
#include "http_message.h"
#include "sim_stats.h"
#include "token_service.h"

namespace sim {

struct AppRegistration {
  std::string tenant;       // domain name
  std::string tenant_guid;  // the same tenant's id
  std::string client_id;
  std::string client_secret;
  std::shared_ptr<const ClientCertificate> certificate;  // may be null
};

enum class TokenEndpointVersion { V1, V2 };

// POST /{tenant}/oauth2/token (v1, resource=) and /{tenant}/oauth2/v2.0/token (v2, scope=): client credentials with
// a secret or a certificate assertion, validated in Entra's order and answered in Entra's shapes; or, when hostile
// answers target tokens or errors, with a hostile answer in their place.
class TokenEndpoint {
 public:
  TokenEndpoint(AppRegistration app, TokenService &tokens, HostileAnswers &hostile, SimStats &stats);

  HttpResponse handle(const HttpRequest &request, std::string_view tenant, TokenEndpointVersion version);

 private:
  struct TokenAnswer {
    HttpResponse response;
    std::string outcome;  // "success" or "AADSTS<code>", for the stats
  };
  TokenAnswer respond(const HttpRequest &request, std::string_view tenant, TokenEndpointVersion version);

  AppRegistration app_;
  TokenService &tokens_;
  HostileAnswers &hostile_;
  SimStats &stats_;
};

}  // namespace sim
