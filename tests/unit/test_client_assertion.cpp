// The certificate credential: a JWT client assertion as Entra ID checks it (the Microsoft identity platform's
// certificate credentials), verified here with OpenSSL on its own: signature, header (alg, typ, x5t / x5t#S256) and
// claims.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "credentials/client_assertion.h"
#include "private_file.h"

using namespace defender;

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509 *c) const { X509_free(c); }
};
using Key = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

Key rsa_key() { return Key(EVP_RSA_gen(2048)); }
Key ec_key() { return Key(EVP_EC_gen("P-256")); }

Cert self_signed(EVP_PKEY *key) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME *name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("defender-test"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key, EVP_sha256());
  return cert;
}

// A private directory with PEM files, removed at the end of the test.
class PemFiles {
 public:
  PemFiles() {
    char pattern[] = "/tmp/defender-assertion-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  ~PemFiles() {
    for (const auto &f : files_) std::remove(f.c_str());
    rmdir(dir_.c_str());
  }
  // Writes the certificate and/or key (key encrypted with a passphrase when given) into one file.
  std::string write(const std::string &name, X509 *cert, EVP_PKEY *key, const char *passphrase = nullptr) {
    const std::string path = dir_ + "/" + name;
    FILE *f = std::fopen(path.c_str(), "w");
    if (cert) PEM_write_X509(f, cert);
    if (key && passphrase)
      PEM_write_PKCS8PrivateKey(f, key, EVP_aes_256_cbc(), passphrase, static_cast<int>(std::strlen(passphrase)),
                                nullptr, nullptr);
    else if (key)
      PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    files_.push_back(path);
    return path;
  }

 private:
  std::string dir_;
  std::vector<std::string> files_;
};

std::string unbase64url(std::string text) {
  for (char &c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (text.size() % 4) text += '=';
  std::string out(text.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                reinterpret_cast<const unsigned char *>(text.data()), static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  out.resize(static_cast<size_t>(n) - (text.size() - text.find_last_not_of('=') - 1));
  return out;
}

std::string thumbprint(X509 *cert, const EVP_MD *md) {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  X509_digest(cert, md, bytes, &length);
  return base64url(std::string(reinterpret_cast<const char *>(bytes), length));
}

struct Jwt {
  rapidjson::Document header, claims;
  std::string signing_input, signature;
};

Jwt split(const std::string &jwt) {
  const size_t first = jwt.find('.'), second = jwt.find('.', first + 1);
  REQUIRE(second != std::string::npos);
  REQUIRE(jwt.find('.', second + 1) == std::string::npos);
  Jwt parts;
  parts.header.Parse(unbase64url(jwt.substr(0, first)).c_str());
  parts.claims.Parse(unbase64url(jwt.substr(first + 1, second - first - 1)).c_str());
  REQUIRE(parts.header.IsObject());
  REQUIRE(parts.claims.IsObject());
  parts.signing_input = jwt.substr(0, second);
  parts.signature = unbase64url(jwt.substr(second + 1));
  return parts;
}

bool verifies(EVP_PKEY *key, const Jwt &jwt, bool pss) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX *pctx = nullptr;
  EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key);
  if (pss) {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(jwt.signature.data()),
                          jwt.signature.size(), reinterpret_cast<const unsigned char *>(jwt.signing_input.data()),
                          jwt.signing_input.size()) == 1;
}

std::string text(const rapidjson::Value &object, const char *name) {
  const auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "<missing>";
}

const std::string client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
const std::string token_url = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token";
const Instant issued = Instant::from_seconds(1'800'000'000);

ClientCertificate loaded(const std::string &cert, const std::string &key) {
  auto result = ClientCertificate::load(cert, key);
  if (auto *error = std::get_if<CertificateError>(&result)) FAIL(error->message);
  return std::get<ClientCertificate>(result);
}

// An RSA key, its self-signed certificate, both in PEM files, and the credential loaded from them.
struct RegisteredApp {
  PemFiles files;
  Key key = rsa_key();
  Cert cert = self_signed(key.get());
  ClientCertificate credential =
      loaded(files.write("app.crt", cert.get(), nullptr), files.write("app.key", nullptr, key.get()));

  Jwt assertion(AssertionAlgorithm algorithm) const {
    return split(credential.assertion(client_id, token_url, issued, algorithm));
  }
  EVP_PKEY *public_key() const { return X509_get0_pubkey(cert.get()); }
};

CertificateError load_error(const std::string &cert, const std::string &key) {
  auto result = ClientCertificate::load(cert, key);
  REQUIRE(std::holds_alternative<CertificateError>(result));
  return std::get<CertificateError>(result);
}

}  // namespace

TEST_CASE("base64url has no padding and uses - and _") {
  CHECK(base64url("") == "");
  CHECK(base64url("f") == "Zg");
  CHECK(base64url("fo") == "Zm8");
  CHECK(base64url("foo") == "Zm9v");
  CHECK(base64url("\xfb\xff") == "-_8");
  // The SHA-1 thumbprint example of the certificate-credentials page: hex 84E05C1D...5534.
  const unsigned char sha1[] = {0x84, 0xE0, 0x5C, 0x1D, 0x98, 0xBC, 0xE3, 0xA5, 0x42, 0x1D,
                                0x22, 0x5B, 0x14, 0x0B, 0x36, 0xE8, 0x6A, 0x3D, 0x55, 0x34};
  CHECK(base64url(std::string(reinterpret_cast<const char *>(sha1), sizeof sha1)) == "hOBcHZi846VCHSJbFAs26Go9VTQ");
}

TEST_CASE("random UUIDs are version 4, RFC 4122, and differ") {
  const std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  const std::string a = random_uuid(), b = random_uuid();
  CHECK(std::regex_match(a, v4));
  CHECK(std::regex_match(b, v4));
  CHECK(a != b);
}

TEST_CASE("PS256 by default: x5t#S256 header, Entra's claims, an RSA-PSS signature the certificate's key verifies") {
  const RegisteredApp app;
  const Jwt jwt = app.assertion(AssertionAlgorithm::ps256);
  CHECK(text(jwt.header, "alg") == "PS256");
  CHECK(text(jwt.header, "typ") == "JWT");
  CHECK(text(jwt.header, "x5t#S256") == thumbprint(app.cert.get(), EVP_sha256()));
  CHECK_FALSE(jwt.header.HasMember("x5t"));
  CHECK(jwt.header.MemberCount() == 3);

  CHECK(text(jwt.claims, "aud") == token_url);
  CHECK(text(jwt.claims, "iss") == client_id);
  CHECK(text(jwt.claims, "sub") == client_id);
  CHECK(std::regex_match(text(jwt.claims, "jti"),
                         std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")));
  CHECK(jwt.claims["nbf"].GetInt64() == 1'800'000'000);
  CHECK(jwt.claims["iat"].GetInt64() == 1'800'000'000);
  CHECK(jwt.claims["exp"].GetInt64() == 1'800'000'600);
  CHECK(jwt.claims.MemberCount() == 7);

  CHECK(verifies(app.public_key(), jwt, true));
  CHECK_FALSE(verifies(app.public_key(), jwt, false));
}

TEST_CASE("RS256 when selected: x5t (SHA-1) header and a PKCS#1 v1.5 signature") {
  const RegisteredApp app;
  const Jwt jwt = app.assertion(AssertionAlgorithm::rs256);
  CHECK(text(jwt.header, "alg") == "RS256");
  CHECK(text(jwt.header, "x5t") == thumbprint(app.cert.get(), EVP_sha1()));
  CHECK_FALSE(jwt.header.HasMember("x5t#S256"));
  CHECK(app.credential.x5t() == thumbprint(app.cert.get(), EVP_sha1()));
  CHECK(verifies(app.public_key(), jwt, false));
}

TEST_CASE("every assertion has its own jti; a token URL of the v1 endpoint is its aud") {
  PemFiles files;
  const Key key = rsa_key();
  const Cert cert = self_signed(key.get());
  const ClientCertificate credential = loaded(files.write("app.pem", cert.get(), key.get()), "");
  const std::string v1 = "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/token";
  const Jwt a = split(credential.assertion(client_id, v1, issued, AssertionAlgorithm::ps256));
  const Jwt b = split(credential.assertion(client_id, v1, issued, AssertionAlgorithm::ps256));
  CHECK(text(a.claims, "aud") == v1);
  CHECK(text(a.claims, "jti") != text(b.claims, "jti"));
}

TEST_CASE("the key may sit in the certificate file, before or after the certificate") {
  PemFiles files;
  const Key key = rsa_key();
  const Cert cert = self_signed(key.get());
  const std::string combined = files.write("app.pem", cert.get(), key.get());
  const ClientCertificate credential = loaded(combined, "");
  CHECK(verifies(X509_get0_pubkey(cert.get()),
                 split(credential.assertion(client_id, token_url, issued, AssertionAlgorithm::ps256)), true));
  CHECK(credential.not_after() > issued.minus_seconds(1'000'000'000));
}

TEST_CASE("the credential gives the permission bits of the file its key was read from") {
  PemFiles files;
  const Key key = rsa_key();
  const Cert cert = self_signed(key.get());
  const std::string cert_file = files.write("app.crt", cert.get(), nullptr);
  const std::string key_file = files.write("app.key", nullptr, key.get());
  const std::string combined = files.write("app.pem", cert.get(), key.get());
  chmod(cert_file.c_str(), 0644);
  chmod(key_file.c_str(), 0640);
  chmod(combined.c_str(), 0604);
  CHECK(loaded(cert_file, key_file).key_file_mode() == 0640);
  CHECK(loaded(combined, "").key_file_mode() == 0604);
}

TEST_CASE("a certificate or key path that is a FIFO is refused at once, naming the file at fault") {
  PemFiles files;
  const Key key = rsa_key();
  const Cert cert = self_signed(key.get());
  const std::string cert_file = files.write("app.crt", cert.get(), nullptr);
  const std::string key_file = files.write("app.key", nullptr, key.get());
  const test::PrivateFifo fifo;
  CertificateError e = load_error(cert_file, fifo.path());
  CHECK(e.in_key_file);
  CHECK(e.message == "client-private-key(\"" + fifo.path() +
                         "\") is not a regular file; it must be a file that holds a PEM private key (and, without "
                         "client-private-key(), its certificate)");
  e = load_error(fifo.path(), key_file);
  CHECK_FALSE(e.in_key_file);
  CHECK(e.message == "client-certificate(\"" + fifo.path() +
                         "\") is not a regular file; it must be a file that holds a PEM certificate");
}

TEST_CASE("unusable certificate files are refused with the file at fault and the fix") {
  PemFiles files;
  const Key key = rsa_key();
  const Cert cert = self_signed(key.get());
  const std::string cert_file = files.write("app.crt", cert.get(), nullptr);

  const std::string encrypted = files.write("encrypted.key", nullptr, key.get(), "pass phrase");
  CertificateError e = load_error(cert_file, encrypted);
  CHECK(e.in_key_file);
  CHECK(e.message.rfind("client-private-key(\"" + encrypted +
                            "\") is encrypted; keys with a passphrase are not "
                            "supported: decrypt it with `openssl pkey -in " +
                            encrypted,
                        0) == 0);

  const Key other = rsa_key();
  const std::string wrong = files.write("other.key", nullptr, other.get());
  e = load_error(cert_file, wrong);
  CHECK(e.in_key_file);
  CHECK(e.message == "client-private-key(\"" + wrong + "\") does not belong to client-certificate(\"" + cert_file +
                         "\"); use the key the certificate was issued for");

  const Key ec = ec_key();
  const Cert ec_cert = self_signed(ec.get());
  const std::string ec_file = files.write("ec.pem", ec_cert.get(), ec.get());
  e = load_error(ec_file, "");
  CHECK_FALSE(e.in_key_file);
  CHECK(e.message == "client-certificate(\"" + ec_file +
                         "\") (without client-private-key()) is not an RSA key; "
                         "Entra ID client assertions are signed with RS256 or PS256");

  const std::string key_only = files.write("key-only.pem", nullptr, key.get());
  e = load_error(key_only, "");
  CHECK_FALSE(e.in_key_file);
  CHECK(e.message.rfind("client-certificate(\"" + key_only + "\") holds no PEM certificate", 0) == 0);
  CHECK(load_error(cert_file, "")
            .message.rfind(
                "client-certificate(\"" + cert_file + "\") (without client-private-key()) holds no PEM private key",
                0) == 0);
}
