#include "failures/transport_failure.h"

#include <string>

namespace defender {

std::string_view host_of(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  return url.substr(0, url.find_first_of("/?#"));
}

Failure transport_failure(const HttpResult &result, std::string_view what, std::string_view url,
                          const TransportOptions &options) {
  const std::string host(host_of(url));
  const std::string cause = " (" + result.error + ")";
  const std::string proxy =
      options.proxy.empty() ? std::string("the proxy") : "proxy " + without_credentials(options.proxy);
  const auto failure = [&](FailureKind kind, const std::string &text) {
    return Failure{kind, std::string(what) + text, std::nullopt};
  };
  switch (result.problem) {
    case TransportProblem::tls_trust:
      return failure(FailureKind::configuration,
                     " failed: the TLS certificate of " + host + " is not trusted" + cause +
                         "; point ca-file() or ca-dir() at the CA that issued it (a TLS-inspecting proxy has its own "
                         "CA); peer-verify(no) is for tests only");
    case TransportProblem::proxy_auth:
      return failure(FailureKind::configuration, " failed: " + proxy + " refused the credentials" + cause +
                                                     "; check the user and password in proxy()");
    case TransportProblem::tls:
      return failure(FailureKind::transient, " failed in the TLS handshake with " + host + cause +
                                                 "; check ca-file(), ca-dir() and proxy(), and that nothing between "
                                                 "here and " +
                                                 host + " intercepts TLS");
    case TransportProblem::resolve:
      return failure(FailureKind::transient, " failed: the host name of " + host + " does not resolve" + cause +
                                                 "; check DNS, login-url()/api-url(), or set proxy() where only a "
                                                 "proxy resolves names");
    case TransportProblem::connect:
      return failure(FailureKind::transient, " failed: no connection to " + host + cause +
                                                 "; check the network path and firewall, or set proxy()");
    case TransportProblem::proxy:
      return failure(FailureKind::transient, " failed at " + proxy + cause +
                                                 "; check proxy() and that the proxy allows CONNECT to " + host +
                                                 ", or list the host in no-proxy()");
    case TransportProblem::timeout: {
      Failure slow = failure(FailureKind::transient, " got no complete answer within timeout(" +
                                                         std::to_string(options.timeout_seconds) + ")" + cause +
                                                         "; raise timeout() if the service is slow for large pages, "
                                                         "or lower page-size()");
      slow.timed_out = true;
      return slow;
    }
    case TransportProblem::interrupted:
      return failure(FailureKind::transient, " failed: the connection to " + host + " broke" + cause);
    case TransportProblem::redirect:
      return failure(FailureKind::configuration,
                     " was answered with a redirect" + cause +
                         ", which is never followed: the token and the client credential go to the configured hosts "
                         "only. Check that login-url() and api-url() name the service itself (https://, the right "
                         "cloud), and that no proxy redirects the request");
    case TransportProblem::none:
    case TransportProblem::other:
      break;
  }
  return failure(FailureKind::transient, " failed" + cause);
}

}  // namespace defender
