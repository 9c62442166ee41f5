#include "client_credential.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace defender {
namespace {

void warn_if_world_readable(const std::string &path, std::string_view option, const Logger &logger) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && (st.st_mode & S_IROTH))
    logger.warning(std::string(option) + "() is readable by every user; restrict it, e.g. chmod 0600", {{"file", path}});
}

std::variant<ClientCredential, CredentialError> read_secret_file(const std::string &path, const Logger &logger) {
  const auto error = [&](std::string message) {
    return CredentialError{DEFENDER_OPTION_CLIENT_SECRET_FILE, "client-secret-file(\"" + path + "\") " + message};
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(std::string("cannot be read: ") + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  std::string secret = content.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) return error("is empty; it must hold the client secret's value");
  warn_if_world_readable(path, "client-secret-file", logger);
  return ClientSecret{std::move(secret)};
}

std::variant<ClientCredential, CredentialError> read_certificate(const Options &options, const Logger &logger,
                                                                 Instant now) {
  auto loaded = ClientCertificate::load(options.client_certificate, options.client_private_key);
  if (auto *error = std::get_if<CertificateError>(&loaded))
    return CredentialError{error->in_key_file ? DEFENDER_OPTION_CLIENT_PRIVATE_KEY : DEFENDER_OPTION_CLIENT_CERTIFICATE,
                           std::move(error->message)};
  ClientCertificate certificate = std::move(std::get<ClientCertificate>(loaded));
  if (options.client_private_key.empty()) warn_if_world_readable(options.client_certificate, "client-certificate", logger);
  else warn_if_world_readable(options.client_private_key, "client-private-key", logger);
  if (certificate.not_after() < now)
    logger.warning("client-certificate() has expired; Entra ID refuses assertions signed with it: upload a new "
                   "certificate to the app registration and point client-certificate() at it",
                   {{"file", options.client_certificate}, {"not_after", format_instant(certificate.not_after())}});
  return ClientCredential{std::move(certificate)};
}

}  // namespace

std::variant<ClientCredential, CredentialError> load_credential(const Options &options, const Logger &logger,
                                                                Instant now) {
  if (!options.client_certificate.empty()) return read_certificate(options, logger, now);
  if (!options.client_secret_file.empty()) return read_secret_file(options.client_secret_file, logger);
  return ClientCredential{ClientSecret{options.client_secret}};
}

std::string_view credential_kind(const Options &options) {
  if (!options.client_certificate.empty()) return "client-certificate";
  if (!options.client_secret_file.empty()) return "client-secret-file";
  return "client-secret";
}

}  // namespace defender
