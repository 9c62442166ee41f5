// The OAUTHBEARER token source of microsoft-defender-stream(): what librdkafka is handed for a token Entra ID
// issued, and the words it is handed when none could be had. (The mock cluster serves no SASL, so this is where the
// token path is tested; the configuration handed to librdkafka is test_kafka_settings.cpp's.)
#include <doctest/doctest.h>

#include "instant.h"
#include "scripted_server.h"
#include "stream/stream_token.h"

using namespace defender;
using test::ScriptedAnswer;
using test::ScriptedServer;

namespace {

Options token_options(const ScriptedServer &server) {
  Options o;
  o.driver = Driver::stream;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  o.login_url = server.url();
  o.transport.allow_insecure_http = true;
  o.stream.event_namespace = "contoso-defender";
  return o;
}

}  // namespace

TEST_CASE("a token from Entra ID is handed over with the client id as principal and its renewal time as expiry") {
  ScriptedServer server(
      {ScriptedAnswer{"200 OK", "", R"({"token_type":"Bearer","expires_in":3600,"access_token":"eyJ.kafka.token"})"}});
  const Options options = token_options(server);
  const auto source = entra_token_source(options, ClientSecret{Secret("s3cret")}, Logger(nullptr, nullptr, {}));
  const int64_t before_ms = system_clock_now().epoch_milliseconds();
  auto answer = source();
  REQUIRE(std::holds_alternative<OAuthToken>(answer));
  const OAuthToken &token = std::get<OAuthToken>(answer);
  CHECK(token.token == "eyJ.kafka.token");
  CHECK(token.principal == "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb");
  // Renewed five minutes ahead of the hour's expiry, in whole seconds.
  CHECK(token.expires_at_ms >= before_ms + 3300'000 - 1000);
  CHECK(token.expires_at_ms <= system_clock_now().epoch_milliseconds() + 3300'000);
  CHECK(server.requests() == std::vector<std::string>{"POST /contoso.onmicrosoft.com/oauth2/v2.0/token"});
}

TEST_CASE("a token asked for again before its renewal time comes from the cache") {
  ScriptedServer server(
      {ScriptedAnswer{"200 OK", "", R"({"token_type":"Bearer","expires_in":3600,"access_token":"eyJ.kafka.token"})"}});
  const auto source =
      entra_token_source(token_options(server), ClientSecret{Secret("s3cret")}, Logger(nullptr, nullptr, {}));
  REQUIRE(std::holds_alternative<OAuthToken>(source()));
  REQUIRE(std::holds_alternative<OAuthToken>(source()));
  CHECK(server.requests().size() == 1);
}

TEST_CASE("a refused token request is handed over as Entra ID's reason, for librdkafka to retry") {
  ScriptedServer server({ScriptedAnswer{
      "401 Unauthorized", "",
      R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."})"}});
  const auto source =
      entra_token_source(token_options(server), ClientSecret{Secret("wrong")}, Logger(nullptr, nullptr, {}));
  const auto answer = source();
  REQUIRE(std::holds_alternative<std::string>(answer));
  CHECK(std::get<std::string>(answer).find("AADSTS7000215") != std::string::npos);
}
