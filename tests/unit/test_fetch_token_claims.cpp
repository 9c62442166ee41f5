// What check reads from an access token: the claims of its JWT payload, and whether its roles let the app read the
// API's alerts or incidents.
#include <doctest/doctest.h>

#include "credentials/client_assertion.h"
#include "token_claims.h"

using namespace defender;
using namespace defender::fetch;

namespace {

std::string token_with(std::string_view claims) {
  return base64url(R"({"typ":"JWT","alg":"RS256"})") + "." + base64url(claims) + ".c2lnbmF0dXJl";
}

}  // namespace

TEST_CASE("a v1 token's claims: aud, iss, tid, appid, roles and exp") {
  const auto claims = decode_token(token_with(
      R"({"aud":"https://graph.microsoft.com","iss":"https://sts.windows.net/b3c1/","tid":"b3c1","appid":"app-1",)"
      R"("roles":["SecurityAlert.Read.All","User.Read.All"],"exp":1800000000})"));
  REQUIRE(claims);
  CHECK(claims->audience == "https://graph.microsoft.com");
  CHECK(claims->issuer == "https://sts.windows.net/b3c1/");
  CHECK(claims->tenant == "b3c1");
  CHECK(claims->app_id == "app-1");
  CHECK(claims->roles == std::vector<std::string>{"SecurityAlert.Read.All", "User.Read.All"});
  CHECK(claims->expires == Instant::from_seconds(1'800'000'000));
}

TEST_CASE("a v2 token names the app in azp, and a token without roles has none") {
  const auto claims = decode_token(token_with(R"({"aud":"https://graph.windows.net","azp":"app-2"})"));
  REQUIRE(claims);
  CHECK(claims->app_id == "app-2");
  CHECK(claims->roles.empty());
  CHECK_FALSE(claims->expires);
}

TEST_CASE("what is not a JWT with a JSON payload has no claims") {
  CHECK_FALSE(decode_token("opaque-token"));
  CHECK_FALSE(decode_token("a.b"));
  CHECK_FALSE(decode_token("e30.not*base64.sig"));
  CHECK_FALSE(decode_token(base64url("{}") + "." + base64url("[1,2]") + ".sig"));
}

TEST_CASE("each API's role, and its ReadWrite form, grants reading; the SIEM API needs none") {
  CHECK(required_role(Api::graph) == "SecurityAlert.Read.All");
  CHECK(required_role(Api::alerts) == "Alert.Read.All");
  CHECK(required_role(Api::siem).empty());
  CHECK(grants({"SecurityAlert.Read.All"}, Api::graph));
  CHECK(grants({"SecurityAlert.ReadWrite.All"}, Api::graph));
  CHECK_FALSE(grants({"Alert.Read.All"}, Api::graph));
  CHECK(grants({"Alert.ReadWrite.All"}, Api::alerts));
  CHECK_FALSE(grants({"SecurityAlert.Read.All"}, Api::alerts));
  CHECK_FALSE(grants({"Alert.Read.All"}, Api::siem));
}

TEST_CASE("api(incidents) needs SecurityIncident.Read.All, or its ReadWrite form; the alerts' role does not do") {
  CHECK(required_role(Api::incidents) == "SecurityIncident.Read.All");
  CHECK(grants({"SecurityAlert.Read.All", "SecurityIncident.Read.All"}, Api::incidents));
  CHECK(grants({"SecurityIncident.ReadWrite.All"}, Api::incidents));
  CHECK_FALSE(grants({"SecurityAlert.Read.All"}, Api::incidents));
  CHECK_FALSE(grants({"SecurityAlert.ReadWrite.All"}, Api::incidents));
  CHECK_FALSE(grants({"SecurityIncident.Read.All"}, Api::graph));
}
