// Certificate credentials for Entra ID: a JWT client assertion signed with the app's private key
// (the Microsoft identity platform's certificate credentials). OpenSSL 3 EVP only; handles are owned by smart pointers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "config/options.h"
#include "instant.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace defender {

// Why a certificate credential cannot be used, and which of its two files is at fault.
struct CertificateError {
  bool in_key_file;     // client-private-key()'s file, not client-certificate()'s
  std::string message;  // names the file and the fix
};

class ClientCertificate {
 public:
  // Reads the PEM certificate and its RSA private key (from key_path, or from the certificate file when key_path is
  // empty). The key must not be encrypted and must belong to the certificate.
  static std::variant<ClientCertificate, CertificateError> load(const std::string &certificate_path,
                                                                const std::string &key_path);

  // A signed assertion: header {alg, typ, x5t#S256 (PS256) or x5t (RS256)}, claims {aud, iss, sub, jti, nbf, iat,
  // exp}. aud is the token URL the assertion is sent to; it is valid from now for lifetime_seconds.
  std::string assertion(std::string_view client_id, std::string_view token_url, Instant now,
                        AssertionAlgorithm algorithm) const;

  static constexpr int64_t lifetime_seconds = 600;

  const std::string &x5t() const { return x5t_; }            // base64url SHA-1 thumbprint of the DER certificate
  const std::string &x5t_s256() const { return x5t_s256_; }  // base64url SHA-256 thumbprint
  Instant not_after() const { return not_after_; }
  // The permission bits of the file the key was read from (st_mode & 07777).
  unsigned key_file_mode() const { return key_file_mode_; }

 private:
  std::shared_ptr<EVP_PKEY> key_;
  std::string x5t_;
  std::string x5t_s256_;
  Instant not_after_{};
  unsigned key_file_mode_ = 0;
};

// RFC 4648 §5 without padding, as JWTs use it.
std::string base64url(std::string_view bytes);

// A random (version 4) UUID in its 36-character form.
std::string random_uuid();

}  // namespace defender
