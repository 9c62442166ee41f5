#include "credentials/client_assertion.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <stdexcept>

#include "credentials/secret.h"

namespace defender {
namespace {

// A PEM file with a key and a chain of certificates is a few KiB; this is far more than any.
constexpr size_t pem_file_limit = 1024 * 1024;

struct BioDeleter {
  void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Deleter {
  void operator()(X509 *cert) const { X509_free(cert); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using Bio = std::unique_ptr<BIO, BioDeleter>;
using Certificate = std::unique_ptr<X509, X509Deleter>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// OpenSSL's reason for the last failure, and the queue emptied so it cannot leak into a later message.
std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "no PEM data of that kind";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

// A read-only BIO over the bytes, which stay where they are (OpenSSL takes no null pointer, even for nothing).
BIO *memory_bio(const Secret &bytes) {
  return BIO_new_mem_buf(bytes.empty() ? "" : bytes.view().data(), static_cast<int>(bytes.size()));
}

// Why a PEM file read for `option` cannot be used, or nothing; `holds` is what it must hold.
std::optional<std::string> pem_file_problem(const SecretFile &file, const std::string &option, std::string_view holds) {
  if (file.error != 0) return option + " cannot be read: " + std::strerror(file.error);
  if (file.not_regular) return option + " is not a regular file; it must be a file that holds " + std::string(holds);
  if (file.too_large)
    return option + " is larger than " + std::to_string(pem_file_limit / 1024) + " KiB; it must hold " +
           std::string(holds);
  return std::nullopt;
}

// Encrypted keys would need a passphrase in the configuration; this callback notes that one was asked for.
int refuse_passphrase(char *, int, int, void *asked) {
  *static_cast<bool *>(asked) = true;
  return -1;
}

std::string digest_of(X509 *cert, const EVP_MD *md) {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(cert, md, bytes, &length) != 1) throw std::runtime_error("X509_digest failed");
  return base64url(std::string_view(reinterpret_cast<const char *>(bytes), length));
}

Instant not_after_of(X509 *cert) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) != 1) return Instant{};
  return Instant::from_seconds(timegm(&tm));
}

std::string json_header(AssertionAlgorithm algorithm, const std::string &x5t, const std::string &x5t_s256) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("alg");
  w.String(algorithm == AssertionAlgorithm::ps256 ? "PS256" : "RS256");
  w.Key("typ");
  w.String("JWT");
  if (algorithm == AssertionAlgorithm::ps256) {
    w.Key("x5t#S256");
    w.String(x5t_s256.c_str(), static_cast<rapidjson::SizeType>(x5t_s256.size()));
  } else {
    w.Key("x5t");
    w.String(x5t.c_str(), static_cast<rapidjson::SizeType>(x5t.size()));
  }
  w.EndObject();
  return buffer.GetString();
}

std::string json_claims(std::string_view client_id, std::string_view token_url, Instant now) {
  const auto string = [](rapidjson::Writer<rapidjson::StringBuffer> &w, std::string_view value) {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  const int64_t issued = now.epoch_seconds();
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("aud");
  string(w, token_url);
  w.Key("iss");
  string(w, client_id);
  w.Key("sub");
  string(w, client_id);
  w.Key("jti");
  string(w, random_uuid());
  w.Key("nbf");
  w.Int64(issued);
  w.Key("iat");
  w.Int64(issued);
  w.Key("exp");
  w.Int64(issued + ClientCertificate::lifetime_seconds);
  w.EndObject();
  return buffer.GetString();
}

std::string sign(EVP_PKEY *key, AssertionAlgorithm algorithm, std::string_view input) {
  MdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX *pkey_ctx = nullptr;  // owned by ctx
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pkey_ctx, EVP_sha256(), nullptr, key) != 1)
    throw std::runtime_error("cannot start signing: " + openssl_reason());
  // PS256 (RFC 7518 §3.5): RSASSA-PSS, SHA-256, MGF1 with SHA-256, a salt as long as the digest.
  if (algorithm == AssertionAlgorithm::ps256 &&
      (EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, RSA_PSS_SALTLEN_DIGEST) != 1))
    throw std::runtime_error("cannot select RSA-PSS: " + openssl_reason());
  const auto *data = reinterpret_cast<const unsigned char *>(input.data());
  size_t length = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) != 1)
    throw std::runtime_error("cannot size the signature: " + openssl_reason());
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data, input.size()) != 1)
    throw std::runtime_error("cannot sign the client assertion: " + openssl_reason());
  signature.resize(length);
  return signature;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char &c : out) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
  }
  return out;
}

std::string random_uuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw std::runtime_error("RAND_bytes failed");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return text;
}

std::variant<ClientCertificate, CertificateError> ClientCertificate::load(const std::string &certificate_path,
                                                                          const std::string &key_path) {
  const std::string cert_option = "client-certificate(\"" + certificate_path + "\")";
  const std::string &key_file = key_path.empty() ? certificate_path : key_path;
  const std::string key_option =
      key_path.empty() ? cert_option + " (without client-private-key())" : "client-private-key(\"" + key_path + "\")";
  const auto key_error = [&](std::string message) { return CertificateError{!key_path.empty(), std::move(message)}; };
  // The file with the key is read into a Secret (wiped when this returns) and OpenSSL reads it from there, so no
  // stdio buffer keeps a copy of the key.
  const SecretFile key_pem = read_secret_file(key_file, pem_file_limit);
  constexpr std::string_view key_holds = "a PEM private key (and, without client-private-key(), its certificate)";
  if (auto problem = pem_file_problem(key_pem, key_option, key_holds)) return key_error(std::move(*problem));
  // The certificate is no secret, but it is read the same way: bounded, and never blocked by a FIFO.
  SecretFile cert_pem;
  if (!key_path.empty()) {
    cert_pem = read_secret_file(certificate_path, pem_file_limit);
    if (auto problem = pem_file_problem(cert_pem, cert_option, "a PEM certificate"))
      return CertificateError{false, std::move(*problem)};
  }

  Bio cert_bio(memory_bio(key_path.empty() ? key_pem.bytes : cert_pem.bytes));
  Certificate cert(cert_bio ? PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) return CertificateError{false, cert_option + " holds no PEM certificate (" + openssl_reason() + ")"};

  Bio key_bio(memory_bio(key_pem.bytes));
  bool passphrase_asked = false;
  EVP_PKEY *raw_key =
      key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, refuse_passphrase, &passphrase_asked) : nullptr;
  std::shared_ptr<EVP_PKEY> key(raw_key, EVP_PKEY_free);
  if (passphrase_asked) {
    ERR_clear_error();
    return key_error(key_option +
                     " is encrypted; keys with a passphrase are not supported: decrypt it with `openssl "
                     "pkey -in " +
                     key_file + " -out <new file>` and make the new file readable by syslog-ng only");
  }
  if (!key) return key_error(key_option + " holds no PEM private key (" + openssl_reason() + ")");
  if (!EVP_PKEY_is_a(key.get(), "RSA"))
    return key_error(key_option + " is not an RSA key; Entra ID client assertions are signed with RS256 or PS256");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return key_error(key_option + " does not belong to " + cert_option +
                     "; use the key the certificate was issued for");
  }

  ClientCertificate loaded;
  loaded.key_ = std::move(key);
  loaded.x5t_ = digest_of(cert.get(), EVP_sha1());
  loaded.x5t_s256_ = digest_of(cert.get(), EVP_sha256());
  loaded.not_after_ = not_after_of(cert.get());
  loaded.key_file_mode_ = key_pem.mode;
  return loaded;
}

std::string ClientCertificate::assertion(std::string_view client_id, std::string_view token_url, Instant now,
                                         AssertionAlgorithm algorithm) const {
  std::string jwt =
      base64url(json_header(algorithm, x5t_, x5t_s256_)) + "." + base64url(json_claims(client_id, token_url, now));
  const std::string signature = sign(key_.get(), algorithm, jwt);
  jwt += "." + base64url(signature);
  return jwt;
}

}  // namespace defender
