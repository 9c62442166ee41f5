#include "client_assertion.h"

#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <rapidjson/document.h>

#include <cstdio>

#include "base64.h"

namespace sim {
namespace {

constexpr Ticks kClockSkew = 300 * kTicksPerSecond;

EntraError malformed(std::string detail) {
  return {400, "invalid_request", 50027, "JWT token is invalid or malformed. " + std::move(detail)};
}

EntraError bad_signature(std::string reason) {
  return {401, "invalid_client", 700027,
          "Client assertion contains an invalid signature. [Reason - " + std::move(reason) + "]"};
}

std::string hex_upper(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto c : bytes) {
    out += kHex[static_cast<unsigned char>(c) >> 4];
    out += kHex[static_cast<unsigned char>(c) & 15];
  }
  return out;
}

std::optional<rapidjson::Document> decode_json(std::string_view part) {
  const auto raw = base64_decode(part);
  if (!raw) return std::nullopt;
  rapidjson::Document d;
  d.Parse(raw->data(), raw->size());
  if (d.HasParseError() || !d.IsObject()) return std::nullopt;
  return d;
}

std::string_view string_member(const rapidjson::Value &o, const char *name) {
  const auto it = o.FindMember(name);
  if (it == o.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::optional<std::int64_t> int_member(const rapidjson::Value &o, const char *name) {
  const auto it = o.FindMember(name);
  if (it == o.MemberEnd()) return std::nullopt;
  if (it->value.IsInt64()) return it->value.GetInt64();
  if (it->value.IsDouble()) return static_cast<std::int64_t>(it->value.GetDouble());
  return std::nullopt;
}

bool verify_signature(EVP_PKEY *key, bool pss, std::string_view signed_part, std::string_view signature) {
  const EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX *pctx = nullptr;  // owned by ctx
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) != 1) return false;
  if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO) != 1 ||
              EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1))
    return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char *>(signed_part.data()), signed_part.size()) == 1;
}

}  // namespace

std::shared_ptr<const ClientCertificate> ClientCertificate::load(const std::string &path, std::string &error) {
  const BioPtr bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) {
    error = "cannot read client certificate " + path;
    return nullptr;
  }
  const X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    error = "no PEM certificate in " + path;
    return nullptr;
  }
  auto out = std::make_shared<ClientCertificate>();
  out->key_.reset(X509_get_pubkey(cert.get()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!out->key_ || X509_digest(cert.get(), EVP_sha1(), digest, &n) != 1) {
    error = "cannot use the certificate in " + path;
    return nullptr;
  }
  out->sha1_.assign(reinterpret_cast<char *>(digest), n);
  if (X509_digest(cert.get(), EVP_sha256(), digest, &n) != 1) {
    error = "cannot hash the certificate in " + path;
    return nullptr;
  }
  out->sha256_.assign(reinterpret_cast<char *>(digest), n);
  return out;
}

std::optional<EntraError> verify_client_assertion(std::string_view assertion, const ClientCertificate *certificate,
                                                  std::string_view client_id, const std::vector<std::string> &audiences,
                                                  Ticks now) {
  const auto dot1 = assertion.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : assertion.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || assertion.find('.', dot2 + 1) != std::string_view::npos)
    return malformed("The assertion is not a JWS in compact form.");
  const auto header = decode_json(assertion.substr(0, dot1));
  const auto claims = decode_json(assertion.substr(dot1 + 1, dot2 - dot1 - 1));
  const auto signature = base64_decode(assertion.substr(dot2 + 1));
  if (!header || !claims || !signature)
    return malformed("The header, payload or signature is not valid base64url JSON.");

  const std::string_view alg = string_member(*header, "alg");
  if (alg != "RS256" && alg != "PS256")
    return malformed("The signing algorithm '" + std::string(alg) + "' is not supported; use RS256 or PS256.");
  const std::string_view x5t = string_member(*header, "x5t");
  const std::string_view x5t256 = string_member(*header, "x5t#S256");
  const auto thumbprint = base64_decode(!x5t256.empty() ? x5t256 : x5t);
  if ((x5t.empty() && x5t256.empty()) || !thumbprint)
    return malformed("The assertion header names no certificate (x5t or x5t#S256).");
  const bool known =
      certificate && (x5t256.empty() ? *thumbprint == certificate->sha1() : *thumbprint == certificate->sha256());
  if (!known)
    return bad_signature("The key was not found., Thumbprint of key used by client: '" + hex_upper(*thumbprint) + "'");
  if (!verify_signature(certificate->key(), alg == "PS256", assertion.substr(0, dot2), *signature))
    return bad_signature("The provided signature value did not match the expected signature value.");

  const std::string_view iss = string_member(*claims, "iss");
  const std::string_view sub = string_member(*claims, "sub");
  if (iss != client_id)
    return EntraError{401, "invalid_client", 700021,
                      "Client assertion application identifier doesn't match 'client_id' parameter."};
  if (sub != iss)
    return EntraError{401, "invalid_client", 50048, "Subject mismatches Issuer claim in the client assertion."};
  const std::string_view aud = string_member(*claims, "aud");
  bool aud_ok = false;
  for (const auto &a : audiences) aud_ok = aud_ok || aud == a;
  if (!aud_ok) return malformed("Invalid audience '" + std::string(aud) + "' in the client assertion.");
  const auto nbf = int_member(*claims, "nbf");
  const auto exp = int_member(*claims, "exp");
  if (!exp) return malformed("The assertion has no exp claim.");
  if (*exp * kTicksPerSecond + kClockSkew <= now || (nbf && *nbf * kTicksPerSecond - kClockSkew > now)) {
    return EntraError{401, "invalid_client", 700024,
                      "Client assertion is not within its valid time range. Current time: " +
                          format_iso8601_fixed(now, 7) + ", assertion valid from " +
                          (nbf ? format_iso8601_fixed(*nbf * kTicksPerSecond, 7) : std::string("(none)")) +
                          ", expiry time of assertion " + format_iso8601_fixed(*exp * kTicksPerSecond, 7) + "."};
  }
  return std::nullopt;
}

}  // namespace sim
