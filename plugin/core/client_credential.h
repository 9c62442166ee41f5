// What proves the application's identity to Entra ID, read from where the options say: a client secret (from the
// configuration or from client-secret-file()) or a certificate with its private key. Read at every start and
// reload, so a rotated secret or certificate is picked up by `syslog-ng-ctl reload`.
#pragma once

#include <string>
#include <variant>

#include "client_assertion.h"
#include "core.h"
#include "logger.h"
#include "options.h"

namespace defender {

struct ClientSecret {
  std::string value;
};

using ClientCredential = std::variant<ClientSecret, ClientCertificate>;

struct CredentialError {
  DefenderOption option;  // the option whose file is at fault
  std::string message;
};

// Warns through `logger` about files other users can read and a certificate past its end date.
std::variant<ClientCredential, CredentialError> load_credential(const Options &options, const Logger &logger,
                                                                Instant now);

// "client-secret", "client-secret-file" or "client-certificate", for the start-up line.
std::string_view credential_kind(const Options &options);

}  // namespace defender
