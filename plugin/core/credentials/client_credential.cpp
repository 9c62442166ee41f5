#include "credentials/client_credential.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "text.h"

namespace defender {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// "1 leading space or tab", "2 leading spaces or tabs".
std::string count_of(size_t n, std::string_view where, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(where) + " " + std::string(n == 1 ? one : many);
}

// The secret inside what a secret file holds, and a description of what was stripped around it (empty: nothing).
struct SecretText {
  std::string_view secret;
  std::string stripped;
  bool line_end_only = false;  // nothing but the LF that ends a text file's last line
};

SecretText strip_around_secret(std::string_view text) {
  std::vector<std::string> parts;
  if (text.starts_with(utf8_bom)) {
    text.remove_prefix(utf8_bom.size());
    parts.emplace_back("a UTF-8 byte order mark");
  }
  size_t leading = 0;
  while (leading < text.size() && is_blank(text[leading])) ++leading;
  text.remove_prefix(leading);
  if (leading > 0) parts.push_back(count_of(leading, "leading", "space or tab", "spaces or tabs"));

  size_t blanks = 0, line_breaks = 0;
  std::string_view last_break;
  while (!text.empty() && (is_blank(text.back()) || text.back() == '\n' || text.back() == '\r')) {
    if (is_blank(text.back())) {
      ++blanks;
      text.remove_suffix(1);
      continue;
    }
    last_break = text.ends_with("\r\n") ? "CRLF" : text.back() == '\n' ? "LF" : "CR";
    text.remove_suffix(last_break == "CRLF" ? 2 : 1);
    ++line_breaks;
  }
  if (blanks > 0) parts.push_back(count_of(blanks, "trailing", "space or tab", "spaces or tabs"));
  if (line_breaks == 1)
    parts.push_back("a trailing line break (" + std::string(last_break) + ")");
  else if (line_breaks > 1)
    parts.push_back(std::to_string(line_breaks) + " trailing line breaks");

  SecretText result{text, {}, parts.size() == 1 && line_breaks == 1 && last_break == "LF"};
  for (const std::string &part : parts) result.stripped += (result.stripped.empty() ? "" : ", ") + part;
  return result;
}

// Other users than the owner can read the file: its group, or everyone. `file_mode` is from the descriptor the
// credential was read through, so it is the mode of that very file, whatever the path points at by now.
void warn_if_readable_by_others(const std::string &path, unsigned file_mode, std::string_view option,
                                const Logger &logger) {
  if (!(file_mode & (S_IRGRP | S_IROTH))) return;
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", file_mode & 07777);
  logger.warning(std::string(option) + "() can be read by other users than its owner (mode " + mode +
                     "), and it holds a credential of the app registration: let only syslog-ng read it with "
                     "`chmod 600 " +
                     path + "` and `chown` it to the user syslog-ng runs as",
                 {{"file", path}, {"mode", mode}});
}

std::variant<ClientCredential, CredentialError> read_secret(const std::string &path, const Logger &logger) {
  const auto error = [&](std::string message) {
    return CredentialError{DEFENDER_OPTION_CLIENT_SECRET_FILE, "client-secret-file(\"" + path + "\") " + message};
  };
  const SecretFile file = read_secret_file(path, secret_file_limit);
  if (file.error != 0) return error(std::string("cannot be read: ") + std::strerror(file.error));
  if (file.not_regular) return error("is not a regular file; it must be a file that holds the client secret's value");
  if (file.too_large)
    return error("holds more than " + std::to_string(secret_file_limit) +
                 " bytes, and a client secret is about 40 characters: the file must hold the secret's value only "
                 "(the Value column of the app registration's secret, not a certificate or a configuration)");
  const SecretText text = strip_around_secret(file.bytes.view());
  if (text.secret.empty()) return error("is empty; it must hold the client secret's value");
  if (text.secret.find_first_of("\r\n") != std::string_view::npos)
    return error("holds more than one line; it must hold the client secret's value only, on one line");
  warn_if_readable_by_others(path, file.mode, "client-secret-file", logger);
  // The LF that ends a text file's line is what `echo` and every editor write: told only to those who debug.
  if (!text.stripped.empty())
    logger.log(text.line_end_only ? DEFENDER_LOG_DEBUG : DEFENDER_LOG_NOTICE,
               "client-secret-file() holds characters around the secret that are not part of it; they were stripped",
               {{"file", path}, {"stripped", text.stripped}});
  return ClientSecret{Secret(text.secret)};
}

std::variant<ClientCredential, CredentialError> read_certificate(const Options &options, const Logger &logger,
                                                                 Instant now) {
  auto loaded = ClientCertificate::load(options.client_certificate, options.client_private_key);
  if (auto *error = std::get_if<CertificateError>(&loaded))
    return CredentialError{error->in_key_file ? DEFENDER_OPTION_CLIENT_PRIVATE_KEY : DEFENDER_OPTION_CLIENT_CERTIFICATE,
                           std::move(error->message)};
  ClientCertificate certificate = std::move(std::get<ClientCertificate>(loaded));
  if (options.client_private_key.empty())
    warn_if_readable_by_others(options.client_certificate, certificate.key_file_mode(), "client-certificate", logger);
  else
    warn_if_readable_by_others(options.client_private_key, certificate.key_file_mode(), "client-private-key", logger);
  if (certificate.not_after() < now)
    logger.warning(
        "client-certificate() has expired; Entra ID refuses assertions signed with it: upload a new "
        "certificate to the app registration and point client-certificate() at it",
        {{"file", options.client_certificate}, {"not_after", format_instant(certificate.not_after())}});
  return ClientCredential{std::move(certificate)};
}

}  // namespace

std::variant<Secret, CredentialError> load_connection_string(const Options &options, const Logger &logger) {
  const std::string &path = options.stream.connection_string_file;
  const auto error = [&](std::string message) {
    return CredentialError{DEFENDER_OPTION_CONNECTION_STRING_FILE,
                           "connection-string-file(\"" + path + "\") " + std::move(message)};
  };
  const SecretFile file = read_secret_file(path, connection_string_file_limit);
  if (file.error != 0) return error(std::string("cannot be read: ") + std::strerror(file.error));
  if (file.not_regular) return error("is not a regular file; it must be a file that holds the connection string");
  if (file.too_large)
    return error("holds more than " + std::to_string(connection_string_file_limit) +
                 " bytes; it must hold the connection string only");
  const SecretText text = strip_around_secret(file.bytes.view());
  if (text.secret.find_first_of("\r\n") != std::string_view::npos)
    return error("holds more than one line; it must hold the connection string only, on one line");
  // The shape only, never the text: it holds the key.
  const std::string_view value = text.secret;
  if (!(value.size() > 14 && std::equal(value.begin(), value.begin() + 14, "Endpoint=sb://",
                                        [](char a, char b) {
                                          return std::tolower(static_cast<unsigned char>(a)) ==
                                                 std::tolower(static_cast<unsigned char>(b));
                                        })) ||
      value.find("SharedAccessKey=") == std::string_view::npos)
    return error(
        "does not hold an Event Hubs connection string (Endpoint=sb://<namespace>.servicebus.windows.net/;"
        "SharedAccessKeyName=<policy>;SharedAccessKey=<key>): copy it from the namespace's or the hub's Shared "
        "access policies in the Azure portal");
  warn_if_readable_by_others(path, file.mode, "connection-string-file", logger);
  if (!text.stripped.empty())
    logger.log(text.line_end_only ? DEFENDER_LOG_DEBUG : DEFENDER_LOG_NOTICE,
               "connection-string-file() holds characters around the connection string that are not part of it; "
               "they were stripped",
               {{"file", path}, {"stripped", text.stripped}});
  return Secret(value);
}

std::variant<ClientCredential, CredentialError> load_credential(const Options &options, const Logger &logger,
                                                                Instant now) {
  if (!options.client_certificate.empty()) return read_certificate(options, logger, now);
  if (!options.client_secret_file.empty()) return read_secret(options.client_secret_file, logger);
  return ClientCredential{ClientSecret{options.client_secret}};
}

void append_client_secret(std::string &body, const ClientSecret &secret) {
  constexpr std::string_view name = "&client_secret=";
  constexpr std::string_view hex = "0123456789ABCDEF";
  const std::string_view value = secret.value.view();
  body.reserve(body.size() + name.size() + 3 * value.size());
  body += name;
  for (const char c : value) {
    // RFC 3986's unreserved characters stand for themselves; every other byte is %XX.
    if (is_alphanumeric(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      body += c;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    body += '%';
    body += hex[byte >> 4];
    body += hex[byte & 0xF];
  }
}

std::string_view credential_kind(const Options &options) {
  if (!options.client_certificate.empty()) return "client-certificate";
  if (!options.client_secret_file.empty()) return "client-secret-file";
  return "client-secret";
}

}  // namespace defender
