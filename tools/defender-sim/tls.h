#pragma once

#include <string>

#include "openssl_handles.h"

namespace sim {

struct TlsContextResult {
  SslCtxPtr ctx;
  std::string error;
};

// A server context (TLS 1.2+) with the certificate chain and key from PEM files.
TlsContextResult make_server_context(const std::string &cert_file, const std::string &key_file);

}  // namespace sim
