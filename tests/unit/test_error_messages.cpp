// What a person reads when a request fails: the cause, the host or option involved, what to do; never a password.
#include <doctest/doctest.h>

#include "failures/service_error.h"
#include "failures/transport_failure.h"

using namespace defender;

namespace {

HttpResult failed(TransportProblem problem, std::string error) {
  return HttpResult{TransportOutcome::failed, std::move(error), problem};
}

const std::string url = "https://api.security.microsoft.com/api/alerts?$top=100";

}  // namespace

TEST_CASE("an untrusted certificate names the host and the CA options, and waits for a person") {
  const Failure f =
      transport_failure(failed(TransportProblem::tls_trust, "SSL certificate problem: self-signed certificate"),
                        "GET " + url, url, TransportOptions{});
  CHECK(f.kind == FailureKind::configuration);
  CHECK(f.message ==
        "GET " + url +
            " failed: the TLS certificate of api.security.microsoft.com is not trusted (SSL certificate "
            "problem: self-signed certificate); point ca-file() or ca-dir() at the CA that issued it (a TLS-inspecting "
            "proxy has its own CA); peer-verify(no) is for tests only");
}

TEST_CASE("a proxy that refuses the credentials is named without them") {
  TransportOptions options;
  options.proxy = "http://collector:pa55word@proxy.example.com:3128";
  const Failure f = transport_failure(failed(TransportProblem::proxy_auth, "CONNECT tunnel failed, response 407"),
                                      "the token request to https://login.microsoftonline.com/t/oauth2/v2.0/token",
                                      "https://login.microsoftonline.com/t/oauth2/v2.0/token", options);
  CHECK(f.kind == FailureKind::configuration);
  CHECK(f.message.find("pa55word") == std::string::npos);
  CHECK(f.message.find("collector") == std::string::npos);
  CHECK(f.message.find("proxy http://***@proxy.example.com:3128 refused the credentials (CONNECT tunnel failed, "
                       "response 407); check the user and password in proxy()") != std::string::npos);
}

TEST_CASE("network trouble is transient and says where to look") {
  TransportOptions options;
  options.timeout_seconds = 30;
  const auto message = [&](TransportProblem p) {
    const Failure f = transport_failure(failed(p, "detail"), "GET " + url, url, options);
    CHECK(f.kind == FailureKind::transient);
    return f.message;
  };
  CHECK(message(TransportProblem::resolve) ==
        "GET " + url +
            " failed: the host name of api.security.microsoft.com does not resolve (detail); check DNS, "
            "login-url()/api-url(), or set proxy() where only a proxy resolves names");
  CHECK(message(TransportProblem::connect) ==
        "GET " + url +
            " failed: no connection to api.security.microsoft.com (detail); check the network path and "
            "firewall, or set proxy()");
  CHECK(message(TransportProblem::timeout) ==
        "GET " + url +
            " got no complete answer within timeout(30) (detail); raise timeout() if the service is slow "
            "for large pages, or lower page-size()");
  CHECK(message(TransportProblem::proxy)
            .find("check proxy() and that the proxy allows CONNECT to "
                  "api.security.microsoft.com, or list the host in no-proxy()") != std::string::npos);
  CHECK(message(TransportProblem::interrupted) ==
        "GET " + url + " failed: the connection to api.security.microsoft.com broke (detail)");
}

TEST_CASE("URLs are logged without their user and password") {
  CHECK(without_credentials("http://user:pass@proxy:3128") == "http://***@proxy:3128");
  CHECK(without_credentials("http://proxy:3128") == "http://proxy:3128");
  CHECK(without_credentials("http://proxy:3128/a@b") == "http://proxy:3128/a@b");
  CHECK(host_of("https://127.0.0.1:8443/x/oauth2/token") == "127.0.0.1:8443");
}

TEST_CASE("each AADSTS code the reference lists says what to do") {
  CHECK(advice_for_entra_code("AADSTS7000215") ==
        "the client secret is wrong: put the secret's Value (not its Secret ID) into client-secret-file()");
  CHECK(advice_for_entra_code("AADSTS7000222").rfind("the client secret has expired", 0) == 0);
  CHECK(advice_for_entra_code("AADSTS700016").rfind("no application with this client-id() exists in this tenant", 0) ==
        0);
  CHECK(advice_for_entra_code("AADSTS90002").rfind("the tenant was not found", 0) == 0);
  CHECK(advice_for_entra_code("AADSTS901002").find("token-version") != std::string_view::npos);
  CHECK(advice_for_entra_code("AADSTS700027").find("client-certificate()") != std::string_view::npos);
  CHECK(advice_for_entra_code("AADSTS700024").find("clock") != std::string_view::npos);
  for (const char *code :
       {"AADSTS7000218", "AADSTS900023", "AADSTS90038", "AADSTS70011", "AADSTS700022", "AADSTS500011", "AADSTS50027",
        "AADSTS50048", "AADSTS50012", "AADSTS50196", "AADSTS90055", "AADSTS90024", "AADSTS53003"})
    CHECK_MESSAGE(!advice_for_entra_code(code).empty(), code);
  CHECK(advice_for_entra_code("AADSTS1").empty());
}

TEST_CASE("a redirect waits for a person and says why it is not followed") {
  const HttpResult redirect = failed(TransportProblem::redirect, "HTTP 302 redirecting to https://evil.example/");
  const Failure f = transport_failure(redirect, "GET " + url, url, TransportOptions{});
  CHECK(f.kind == FailureKind::configuration);
  CHECK(f.message == "GET " + url +
                         " was answered with a redirect (HTTP 302 redirecting to https://evil.example/), which is "
                         "never followed: the token and the client credential go to the configured hosts only. Check "
                         "that login-url() and api-url() name the service itself (https://, the right cloud), and "
                         "that no proxy redirects the request");
}
