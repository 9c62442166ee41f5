// What proves the application's identity to Entra ID, read from where the options say: a client secret (from the
// configuration or from client-secret-file()) or a certificate with its private key. Read at every start and
// reload, so a rotated secret or certificate is picked up by `syslog-ng-ctl reload`.
#pragma once

#include <string>
#include <variant>

#include "boundary/core.h"
#include "config/options.h"
#include "credentials/client_assertion.h"
#include "credentials/secret.h"
#include "reporting/logger.h"

namespace defender {

struct ClientSecret {
  Secret value;
};

using ClientCredential = std::variant<ClientSecret, ClientCertificate>;

struct CredentialError {
  DefenderOption option;  // the option whose file is at fault
  std::string message;
};

// The most a client-secret-file() may hold: Entra ID's secrets are about 40 characters, so a larger file is not a
// secret (a certificate, a configuration, a wrong path) and is refused rather than sent to Entra ID.
inline constexpr size_t secret_file_limit = 1024;

// A client-secret-file() is read as its secret with what editors and `echo` add around it stripped: a UTF-8 byte
// order mark, spaces and tabs before it, spaces, tabs and line breaks after it. A notice says what, never the
// secret; the single LF that ends a text file's line is told at debug level only. What is left must be one line
// and not empty.
// Warns through `logger` about a file of the credential that other users can read (group or world) and a
// certificate past its end date.
std::variant<ClientCredential, CredentialError> load_credential(const Options &options, const Logger &logger,
                                                                Instant now);

// The most a connection-string-file() may hold: a connection string is about 200 characters.
inline constexpr size_t connection_string_file_limit = 4096;

// The Event Hubs connection string of microsoft-defender-stream()'s connection-string-file(), read and stripped as a
// client-secret-file() is; its shape is checked (Endpoint=sb://...;SharedAccessKey=...), never logged.
std::variant<Secret, CredentialError> load_connection_string(const Options &options, const Logger &logger);

// Appends "&client_secret=" and the secret, form-encoded, to a token request body. The room is reserved first and
// nothing is built aside, so the body is the only copy of the secret this leaves (the caller wipes it after use).
void append_client_secret(std::string &body, const ClientSecret &secret);

// "client-secret", "client-secret-file" or "client-certificate", for the start-up line.
std::string_view credential_kind(const Options &options);

}  // namespace defender
