#include "stream/stream_token.h"

#include "config/endpoints.h"
#include "credentials/token_provider.h"
#include "reporting/stats.h"
#include "transport/http_client.h"

namespace defender {
namespace {

// What the callback holds: shared, as std::function copies its target.
struct TokenSource {
  TokenSource(const Options &options, ClientCredential credential, const Logger &logger)
      : http(options.transport),
        provider(endpoints_for(options), options.client_id, std::move(credential), options.assertion_algorithm, logger),
        client_id(options.client_id) {}

  HttpClient http;
  HttpResponse scratch;
  Stats stats;
  TokenProvider provider;
  std::string client_id;
};

}  // namespace

OAuthTokenSource entra_token_source(const Options &options, ClientCredential credential, const Logger &logger) {
  auto source = std::make_shared<TokenSource>(options, std::move(credential), logger);
  return [source]() -> std::variant<OAuthToken, std::string> {
    if (auto failure = source->provider.ensure(source->http, source->scratch, source->stats, system_clock_now()))
      return std::move(failure->message);
    const Instant renew = source->provider.refresh_at();
    return OAuthToken{std::string(source->provider.token()), renew.epoch_seconds() * 1000, source->client_id};
  };
}

}  // namespace defender
