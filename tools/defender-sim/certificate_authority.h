#pragma once

#include <string>

namespace sim {

struct TlsFiles {
  std::string ca_file;  // empty when the certificate was given with --cert
  std::string cert_file;
  std::string key_file;
};

struct TlsFilesResult {
  TlsFiles files;
  std::string error;  // non-empty on failure
};

// Uses DIR/ca.pem, DIR/server.pem and DIR/server.key, generating a fresh CA and a server certificate for
// 127.0.0.1 / localhost when any of them is missing, so that clients verify the chain with ca.pem alone.
TlsFilesResult ensure_tls_files(const std::string &dir);

}  // namespace sim
