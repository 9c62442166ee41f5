#include "options.h"

#include <getopt.h>

#include <charconv>
#include <cstdio>
#include <string_view>

namespace sim {
namespace {

constexpr const char* kUsage = R"(Usage: defender-sim [OPTIONS]
HTTPS simulator of the Entra ID token endpoints and Microsoft Graph security/alerts_v2. Listens on 127.0.0.1 only.

Network and TLS:
  --listen-port N          port on 127.0.0.1 (0 = ephemeral; default 0)
  --tls-dir DIR            use DIR/ca.pem, DIR/server.pem, DIR/server.key; generated when missing
  --cert FILE --key FILE   use this server certificate (chain) and key instead of --tls-dir
  --ready-file FILE        written atomically with the port number once listening
  --max-connections N      concurrent connections (default 256)
  --idle-timeout SECONDS   close idle keep-alive connections after this long (default 60)

Identity:
  --tenant NAME            tenant domain (default contoso.onmicrosoft.com)
  --tenant-guid GUID       the same tenant's id (default b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c)
  --client-id ID           registered application (default aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb)
  --client-secret SECRET   its secret (default sim-secret)
  --client-certificate F   PEM certificate registered for the application (client assertions)
  --token-lifetime SECONDS access token lifetime (default 3599)

Data:
  --alerts N               initial alerts (default 1000)
  --seed S                 generator seed (default 1); same seed and count give the same alerts
  --history SECONDS        initial alerts' lastUpdateDateTime spread over [start-history, start-1s] (default 86400)
  --max-page-size N        largest page; a bigger $top is cut to this (default 1000)
  --ledger FILE            append every alert version as it becomes visible, as JSON lines

  --help                   this text

Control endpoints (no auth): GET /_sim/stats, POST /_sim/alerts?count=N, GET /_sim/ledger[?from=N]
)";

enum Opt : int {
  kListenPort = 1000, kTlsDir, kCert, kKey, kReadyFile, kMaxConnections, kIdleTimeout, kTenant, kTenantGuid,
  kClientId, kClientSecret, kClientCertificate, kTokenLifetime, kAlerts, kSeed, kHistory, kMaxPageSize, kLedger, kHelp
};

template <typename T>
bool parse_number(std::string_view text, T min, T max, T& out) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) return false;
  out = value;
  return true;
}

}  // namespace

ParsedOptions parse_options(int argc, char** argv) {
  static const option kLong[] = {
      {"listen-port", required_argument, nullptr, kListenPort},
      {"tls-dir", required_argument, nullptr, kTlsDir},
      {"cert", required_argument, nullptr, kCert},
      {"key", required_argument, nullptr, kKey},
      {"ready-file", required_argument, nullptr, kReadyFile},
      {"max-connections", required_argument, nullptr, kMaxConnections},
      {"idle-timeout", required_argument, nullptr, kIdleTimeout},
      {"tenant", required_argument, nullptr, kTenant},
      {"tenant-guid", required_argument, nullptr, kTenantGuid},
      {"client-id", required_argument, nullptr, kClientId},
      {"client-secret", required_argument, nullptr, kClientSecret},
      {"client-certificate", required_argument, nullptr, kClientCertificate},
      {"token-lifetime", required_argument, nullptr, kTokenLifetime},
      {"alerts", required_argument, nullptr, kAlerts},
      {"seed", required_argument, nullptr, kSeed},
      {"history", required_argument, nullptr, kHistory},
      {"max-page-size", required_argument, nullptr, kMaxPageSize},
      {"ledger", required_argument, nullptr, kLedger},
      {"help", no_argument, nullptr, kHelp},
      {nullptr, 0, nullptr, 0},
  };
  Options o;
  const auto fail = [](const char* what, const char* value) {
    std::fprintf(stderr, "defender-sim: invalid value for --%s: '%s'\n", what, value ? value : "");
    return ParsedOptions{std::nullopt, 2};
  };
  int c;
  opterr = 1;
  while ((c = getopt_long(argc, argv, "", kLong, nullptr)) != -1) {
    const char* arg = optarg;
    switch (c) {
      case kListenPort:
        if (!parse_number<std::uint16_t>(arg, 0, 65535, o.listen_port)) return fail("listen-port", arg);
        break;
      case kTlsDir: o.tls_dir = arg; break;
      case kCert: o.cert_file = arg; break;
      case kKey: o.key_file = arg; break;
      case kReadyFile: o.ready_file = arg; break;
      case kMaxConnections:
        if (!parse_number<std::size_t>(arg, 1, 10000, o.max_connections)) return fail("max-connections", arg);
        break;
      case kIdleTimeout:
        if (!parse_number(arg, 1, 86400, o.idle_timeout_seconds)) return fail("idle-timeout", arg);
        break;
      case kTenant: o.tenant = arg; break;
      case kTenantGuid: o.tenant_guid = arg; break;
      case kClientId: o.client_id = arg; break;
      case kClientSecret: o.client_secret = arg; break;
      case kClientCertificate: o.client_certificate = arg; break;
      case kTokenLifetime:
        if (!parse_number<std::int64_t>(arg, 1, 86400 * 365, o.token_lifetime_seconds))
          return fail("token-lifetime", arg);
        break;
      case kAlerts:
        if (!parse_number<std::size_t>(arg, 0, 10'000'000, o.alerts)) return fail("alerts", arg);
        break;
      case kSeed:
        if (!parse_number<std::uint64_t>(arg, 0, UINT64_MAX, o.seed)) return fail("seed", arg);
        break;
      case kHistory:
        if (!parse_number<std::int64_t>(arg, 1, 86400LL * 3650, o.history_seconds)) return fail("history", arg);
        break;
      case kMaxPageSize:
        if (!parse_number<std::size_t>(arg, 1, 100'000, o.max_page_size)) return fail("max-page-size", arg);
        break;
      case kLedger: o.ledger_file = arg; break;
      case kHelp:
        std::fputs(kUsage, stdout);
        return {std::nullopt, 0};
      default:
        std::fputs(kUsage, stderr);
        return {std::nullopt, 2};
    }
  }
  if (optind < argc) {
    std::fprintf(stderr, "defender-sim: unexpected argument '%s'\n", argv[optind]);
    return {std::nullopt, 2};
  }
  if (o.cert_file.empty() != o.key_file.empty()) {
    std::fputs("defender-sim: --cert and --key go together\n", stderr);
    return {std::nullopt, 2};
  }
  if (o.cert_file.empty() && o.tls_dir.empty()) {
    std::fputs("defender-sim: give --tls-dir DIR or --cert FILE --key FILE\n", stderr);
    return {std::nullopt, 2};
  }
  return {o, 0};
}

}  // namespace sim
