#include "certificate_authority.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "openssl_handles.h"

namespace sim {
namespace {

constexpr long kValiditySeconds = 5L * 365 * 86400;

std::string openssl_error(const std::string &what) {
  const unsigned long e = ERR_get_error();
  char buf[256] = "unknown error";
  if (e != 0) ERR_error_string_n(e, buf, sizeof buf);
  return what + ": " + buf;
}

EvpPkeyPtr make_key() { return EvpPkeyPtr(EVP_EC_gen("P-256")); }

X509NamePtr make_name(const char *common_name) {
  X509NamePtr name(X509_NAME_new());
  if (!name) return name;
  const auto add = [&](const char *field, const char *value) {
    X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(value), -1, -1,
                               0);
  };
  add("O", "defender-sim");
  add("CN", common_name);
  return name;
}

bool add_extension(X509 *cert, X509 *issuer, int nid, const char *value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

// A v3 certificate for `key`, named `subject`, signed by `issuer_key` (self-signed when issuer is null).
X509Ptr make_certificate(EVP_PKEY *key, const X509_NAME *subject, X509 *issuer, EVP_PKEY *issuer_key, bool is_ca) {
  X509Ptr cert(X509_new());
  if (!cert) return nullptr;
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return nullptr;
  serial[0] &= 0x7F;  // a positive INTEGER
  BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
  const bool serial_ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  if (!serial_ok || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -86400) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValiditySeconds) ||
      X509_set_subject_name(cert.get(), subject) != 1 ||
      X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : subject) != 1 ||
      X509_set_pubkey(cert.get(), key) != 1)
    return nullptr;
  X509 *signer = issuer ? issuer : cert.get();
  const bool ext_ok =
      is_ca ? add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") &&
                  add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign") &&
                  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash")
            : add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE") &&
                  add_extension(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyAgreement") &&
                  add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth") &&
                  add_extension(cert.get(), signer, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost") &&
                  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash") &&
                  add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  if (!ext_ok || X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) return nullptr;
  return cert;
}

// Writes through a temporary file and a rename, so a reader never sees half a PEM.
template <typename WriteFn>
bool write_pem(const std::filesystem::path &path, mode_t mode, WriteFn write) {
  const std::filesystem::path tmp = path.string() + ".tmp" + std::to_string(getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return false;
  FILE *f = fdopen(fd, "w");
  if (!f) {
    ::close(fd);
    return false;
  }
  const bool ok = write(f) == 1;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

std::string generate(const std::filesystem::path &dir) {
  const EvpPkeyPtr ca_key = make_key();
  const EvpPkeyPtr server_key = make_key();
  if (!ca_key || !server_key) return openssl_error("generating keys");
  const X509NamePtr ca_name = make_name("defender-sim test CA");
  const X509NamePtr server_name = make_name("localhost");
  if (!ca_name || !server_name) return openssl_error("building names");
  const X509Ptr ca = make_certificate(ca_key.get(), ca_name.get(), nullptr, ca_key.get(), true);
  if (!ca) return openssl_error("creating the CA certificate");
  const X509Ptr server = make_certificate(server_key.get(), server_name.get(), ca.get(), ca_key.get(), false);
  if (!server) return openssl_error("creating the server certificate");
  const bool ok =
      write_pem(
          dir / "server.key", 0600,
          [&](FILE *f) { return PEM_write_PrivateKey(f, server_key.get(), nullptr, nullptr, 0, nullptr, nullptr); }) &&
      write_pem(
          dir / "ca.key", 0600,
          [&](FILE *f) { return PEM_write_PrivateKey(f, ca_key.get(), nullptr, nullptr, 0, nullptr, nullptr); }) &&
      write_pem(dir / "server.pem", 0644, [&](FILE *f) { return PEM_write_X509(f, server.get()); }) &&
      write_pem(dir / "ca.pem", 0644, [&](FILE *f) { return PEM_write_X509(f, ca.get()); });
  return ok ? std::string{} : "writing TLS files in " + dir.string();
}

// Serializes generation between simulators sharing a directory.
class DirLock {
 public:
  explicit DirLock(const std::filesystem::path &dir)
      : fd_(::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirLock(const DirLock &) = delete;
  DirLock &operator=(const DirLock &) = delete;

 private:
  int fd_;
};

}  // namespace

TlsFilesResult ensure_tls_files(const std::string &dir_name) {
  const std::filesystem::path dir(dir_name);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return {{}, "cannot create " + dir_name + ": " + ec.message()};
  const DirLock lock(dir);
  TlsFiles files{(dir / "ca.pem").string(), (dir / "server.pem").string(), (dir / "server.key").string()};
  const bool complete = std::filesystem::exists(files.ca_file) && std::filesystem::exists(files.cert_file) &&
                        std::filesystem::exists(files.key_file);
  if (!complete) {
    if (std::string error = generate(dir); !error.empty()) return {{}, error};
  }
  return {files, {}};
}

}  // namespace sim
