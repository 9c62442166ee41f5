#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entra_errors.h"
#include "openssl_handles.h"
#include "timestamp.h"

namespace sim {

// The certificate registered for the application (--client-certificate): its public key and thumbprints.
class ClientCertificate {
 public:
  static std::shared_ptr<const ClientCertificate> load(const std::string &path, std::string &error);

  EVP_PKEY *key() const { return key_.get(); }
  const std::string &sha1() const { return sha1_; }  // raw digest of the DER certificate
  const std::string &sha256() const { return sha256_; }

 private:
  EvpPkeyPtr key_;
  std::string sha1_;
  std::string sha256_;
};

// Checks a client_assertion JWT as Entra does (docs/microsoft-apis.md, "Certificate assertions"): RS256 or PS256 signed
// by the registered certificate, named by x5t (SHA-1) or x5t#S256; aud one of `audiences`; iss = sub = client id;
// nbf/exp window. nullopt when it is valid.
std::optional<EntraError> verify_client_assertion(std::string_view assertion, const ClientCertificate *certificate,
                                                  std::string_view client_id, const std::vector<std::string> &audiences,
                                                  Ticks now);

}  // namespace sim
