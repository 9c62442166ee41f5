#include "tls.h"

#include <openssl/err.h>

namespace sim {

TlsContextResult make_server_context(const std::string &cert_file, const std::string &key_file) {
  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  const auto fail = [](std::string what) {
    char buf[256] = "";
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    return TlsContextResult{nullptr, what + ": " + buf};
  };
  if (!ctx) return fail("SSL_CTX_new");
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), cert_file.c_str()) != 1)
    return fail("loading certificate " + cert_file);
  if (SSL_CTX_use_PrivateKey_file(ctx.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    return fail("loading key " + key_file);
  if (SSL_CTX_check_private_key(ctx.get()) != 1) return fail("certificate and key do not match");
  // Clients reconnect often in the tests (faults, restarts): session resumption keeps that cheap.
  SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_SERVER);
  SSL_CTX_set_session_id_context(ctx.get(), reinterpret_cast<const unsigned char *>("defender-sim"), 12);
  return {std::move(ctx), {}};
}

}  // namespace sim
