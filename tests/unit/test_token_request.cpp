// The form each token request carries: v2 asks for a scope, v1 for a resource; a secret or a certificate assertion
// whose aud is the token URL actually used.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "config/endpoints.h"
#include "credentials/client_assertion.h"
#include "credentials/token_provider.h"

using namespace defender;

namespace {

std::map<std::string, std::string> form(const std::string &body) {
  std::map<std::string, std::string> fields;
  size_t start = 0;
  while (start <= body.size()) {
    const size_t end = std::min(body.find('&', start), body.size());
    const std::string pair = body.substr(start, end - start);
    const size_t eq = pair.find('=');
    fields[pair.substr(0, eq)] = pair.substr(eq + 1);
    start = end + 1;
  }
  return fields;
}

Options options(Api api) {
  Options o;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  o.api = api;
  return o;
}

const Instant now = Instant::from_seconds(1'800'000'000);

}  // namespace

TEST_CASE("graph with a secret: v2, scope=<audience>/.default, the secret form-encoded") {
  HttpClient http(TransportOptions{});
  const TokenProvider token(endpoints_for(options(Api::graph)), "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb",
                            ClientSecret{Secret("a+b/c=d&e")}, AssertionAlgorithm::ps256);
  CHECK(token.request_body(http, now) ==
        "grant_type=client_credentials&client_id=aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb"
        "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&client_secret=a%2Bb%2Fc%3Dd%26e");
}

TEST_CASE("alerts: v2 with the api.securitycenter audience as scope") {
  HttpClient http(TransportOptions{});
  const TokenProvider token(endpoints_for(options(Api::alerts)), "id", ClientSecret{Secret("s")},
                            AssertionAlgorithm::ps256);
  CHECK(form(token.request_body(http, now))["scope"] == "https%3A%2F%2Fapi.securitycenter.microsoft.com%2F.default");
}

TEST_CASE("siem: v1 with resource=https://graph.windows.net and no scope") {
  HttpClient http(TransportOptions{});
  const TokenProvider token(endpoints_for(options(Api::siem)), "id", ClientSecret{Secret("s")},
                            AssertionAlgorithm::ps256);
  const auto fields = form(token.request_body(http, now));
  CHECK(fields.at("resource") == "https%3A%2F%2Fgraph.windows.net");
  CHECK_FALSE(fields.contains("scope"));
  CHECK(fields.at("grant_type") == "client_credentials");
}

TEST_CASE("a certificate sends a jwt-bearer assertion for the token URL used, and no secret") {
  HttpClient http(TransportOptions{});
  // A throwaway RSA key and certificate made with the openssl command line, as an administrator would.
  char dir_pattern[] = "/tmp/defender-token-XXXXXX";
  const std::string dir = mkdtemp(dir_pattern);
  const std::string pem = dir + "/app.pem";
  REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=defender-test -days 1 -keyout " + pem +
                       " -out " + pem + ".crt 2>/dev/null && cat " + pem + ".crt >> " + pem)
                          .c_str()) == 0);
  auto certificate = ClientCertificate::load(pem, "");
  std::remove((pem + ".crt").c_str());
  std::remove(pem.c_str());
  rmdir(dir.c_str());
  REQUIRE(std::holds_alternative<ClientCertificate>(certificate));

  Options o = options(Api::siem);
  o.login_url = "https://127.0.0.1:8443";
  const TokenProvider token(endpoints_for(o), "id", std::get<ClientCertificate>(certificate),
                            AssertionAlgorithm::rs256);
  const auto fields = form(token.request_body(http, now));
  CHECK(fields.at("client_assertion_type") == "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer");
  CHECK_FALSE(fields.contains("client_secret"));
  const std::string jwt = fields.at("client_assertion");
  const std::string claims = jwt.substr(jwt.find('.') + 1, jwt.rfind('.') - jwt.find('.') - 1);
  CHECK(claims.find(base64url(R"({"aud":"https://127.0.0.1:8443/contoso.onmicrosoft.com/oauth2/token","iss":"id")")
                        .substr(0, 60)) == 0);
}
