#include "config/config_warnings.h"

#include "config/endpoints.h"
#include "config/text_match.h"

namespace defender {

void warn_about_options(const Options &options, const Logger &logger) {
  for (const auto &[name, value] : options.stream.kafka_options)
    if (name == "security.protocol" && !equals_ignoring_case(value, "sasl_ssl"))
      logger.warning("kafka-option(\"security.protocol\" \"" + value +
                     "\"): Event Hubs takes only sasl_ssl; without TLS the connection string or token crosses "
                     "the network readable, so use this only with a test broker");
  if (!options.client_secret.empty())
    logger.warning(
        "client-secret() holds the secret in the configuration, where whoever reads the configuration "
        "file, its backups or `syslog-ng-ctl config` output sees it: put the secret in a file only "
        "syslog-ng can read (chmod 600) and name that file with client-secret-file() instead");
  if (!options.transport.peer_verify) {
    const Endpoints endpoints = endpoints_for(options);
    logger.warning(
        "peer-verify(no): the servers' certificates are not checked, so anyone on the network path can "
        "pose as Entra ID and the API, take the client secret or assertion and the access tokens, and "
        "feed this source forged alerts; for a private CA use ca-file() or ca-dir() instead",
        {{"token_endpoint", without_credentials(endpoints.token_url)},
         {"alerts_endpoint", without_credentials(endpoints.alerts_url)}});
  }
}

}  // namespace defender
