// Entra ID tokens for Event Hubs' Kafka endpoint (SASL OAUTHBEARER): librdkafka asks on the polling thread when it
// needs one, and is answered from the same client-credentials TokenProvider the alert source uses, for the audience
// https://<namespace>.servicebus.windows.net (config/endpoints.h).
#pragma once

#include <memory>

#include "config/options.h"
#include "credentials/client_credential.h"
#include "reporting/logger.h"
#include "stream/kafka_settings.h"

namespace defender {

// A token source for OAuthBearerAuthentication. It keeps its own HTTP client; the token's lifetime handed to
// librdkafka ends when the provider would renew it, so librdkafka (which asks again at 80 % of it) never holds an
// expired one. The principal is the client id.
OAuthTokenSource entra_token_source(const Options &options, ClientCredential credential, const Logger &logger);

}  // namespace defender
