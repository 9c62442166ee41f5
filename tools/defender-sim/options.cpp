#include "options.h"

#include <getopt.h>

#include <cstdio>
#include <string_view>

#include "fault_settings.h"
#include "foreign_origin.h"
#include "hazards.h"
#include "number_text.h"

namespace sim {
namespace {

constexpr const char *kUsage = R"(Usage: defender-sim [OPTIONS]
HTTPS simulator of the Entra ID token endpoints, Microsoft Graph security/alerts_v2 and security/incidents, the
Defender for Endpoint alerts API and the legacy SIEM API, with their faults. Listens on 127.0.0.1 only.

Network and TLS:
  --listen-port N          port on 127.0.0.1 (0 = ephemeral; default 0)
  --tls-dir DIR            use DIR/ca.pem, DIR/server.pem, DIR/server.key; generated when missing
  --cert FILE --key FILE   use this server certificate (chain) and key instead of --tls-dir
  --ready-file FILE        written atomically with the port number once listening
  --foreign-port N         also listen on 127.0.0.1:N (0 = ephemeral), another origin with the same certificate: it
                           answers like the main one (but for /_sim) and records each request and whether it carried
                           an Authorization header (GET /_sim/foreign)
  --next-link-origin O     same | foreign: @odata.nextLinks point at the origin the client used, or at the foreign
                           one (needs --foreign-port) (default same; also POST /_sim/foreign {"next-link-origin": O})
  --max-connections N      concurrent connections (default 256)
  --idle-timeout SECONDS   close idle keep-alive connections after this long (default 60)

Identity:
  --tenant NAME            tenant domain (default contoso.onmicrosoft.com)
  --tenant-guid GUID       the same tenant's id (default b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c)
  --client-id ID           registered application (default aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb)
  --client-secret SECRET   its secret (default sim-secret)
  --client-certificate F   PEM certificate registered for the application (client assertions)
  --token-lifetime SECONDS access token lifetime, as expires_in says (default 3599)

Data:
  --alerts N               initial alerts (default 1000)
  --seed S                 generator seed (default 1); same seed and count give the same alerts
  --history SECONDS        initial alerts' update times spread over [start-history, start-1s] (default 86400)
  --max-page-size N        Graph's largest page; a bigger $top is cut to this (default 1000)
  --alerts-page-size N     the alerts API's page when no $top is given; a next link ($skip) follows (default 10000)
  --ledger FILE            append the ledger as JSON lines: each version as it becomes visible, then
                           {"seq":N,"supersededAt":T} when a newer version replaces it
  --incident-ledger FILE   the same for the incidents' versions

APIs (one server; the path, and on /api/alerts the token's audience, pick the API):
  /{tenant}/oauth2/token, /{tenant}/oauth2/v2.0/token   token endpoints (v1 resource=, v2 scope=)
  /v1.0/security/alerts_v2                              Graph, for https://graph.microsoft.com
  /v1.0/security/incidents, /v1.0/security/incidents/{id}   Graph's incidents, for https://graph.microsoft.com
  /api/alerts, /api/v1.0/alerts                         the alerts API, for https://api.securitycenter.microsoft.com,
                                                          https://api.security.microsoft.com and
                                                          https://securitycenter.onmicrosoft.com/windowsatpservice;
                                                        the SIEM API, for https://graph.windows.net and
                                                          https://WDATPAlertExport.Seville.onmicrosoft.com
  SIEM windows are sinceTimeUtc <= LastProcessedTimeUtc < untilTimeUtc; ago and since/until together are refused.

Incidents: the generated alerts come in incidents of one or two (an alert's incidentId names its incident in every
API). An incident's severity is the highest of its alerts'; its name, summary and system tags follow them too; its
status (active, inProgress, resolved, redirected), owner, verdict, comments and custom tags are its own, and the
initial ones follow their alerts' work. Its lastUpdateDateTime moves when an alert joins it, when it is updated,
and when it is merged: the merged incident is redirected (redirectIncidentId, no alerts, tagged Redirected) and its
alerts get a new version in the other, which takes them in. Only open incidents (active, inProgress) merge; alerts
made later for a merged incident go to the one it was merged into. The list takes $filter on lastUpdateDateTime,
createdDateTime, severity, status, classification, determination and assignedTo (and, eq, ne, ge, gt, le, lt),
$orderby=lastUpdateDateTime|createdDateTime asc|desc (default newest first), $top up to 50 (more: 400, as Graph
answers; default 50), $skip, $count=true, $expand=alerts (each incident's alerts as alerts_v2 shows them) and
@odata.nextLink; tokens need SecurityIncident.Read.All (--graph-roles).

Delivery hazards (also GET/POST /_sim/hazards with the same names, e.g. {"tie-size": 3000}):
  --tie-size K             alerts created or updated together share one exact timestamp, K at a time; the initial
                           alerts too (default 1)
  --feed-rate R            new alerts per second (default 0)
  --mutation-rate R        updates of existing alerts per second: status, owner, verdict, comments (default 0)
  --mutation-target T      random | served (alerts of the last page served) | unserved (the alerts right after it)
  --ingestion-delay S      a version can be queried only S seconds after its time (default 0)
  --ingestion-delay-mode M fixed | random (uniform from 0 to S per version) (default fixed)
  --hostile-rate P         share of new alerts (0-1) with hostile strings: | \ = CR LF TAB NUL, a forged
                           syslog+CEF record, emoji, CJK, sometimes a 64 KiB description (default 0)
  --clock-offset S         the service's clock runs S seconds ahead of the host's (negative: behind), for every
                           Date header, alert time, query window, token time and ledger time; a host 20 minutes
                           ahead of Microsoft is -1200 (default 0). Set at run time, it moves the clock from then on
  --incident-update-rate R updates of incidents per second: status, owner, verdict, comments (default 0)
  --incident-merge-rate R  merges of two open incidents per second, the newer into the older (default 0)

Faults (also GET/POST/DELETE /_sim/faults; a JSON object with "kind" adds a rule, one without sets a setting).
They hit the four APIs, after the token check; the token endpoints answer normally, but for hostile answers
aimed at tokens or errors:
  --fault KIND[:key=value,...]   repeatable; KIND is 429, 500, 502, 503, 504, reset, truncate, slow or bad-alert
                           count=N (requests it hits; default 1 unless rate<1), rate=P (chance per request),
                           api=graph|alerts|siem|incidents (join several with +; default any),
                           retry-after=SECONDS and retry-after-form=seconds|date (429, 503),
                           mode=json|connection (truncate), mode=first-byte|trickle and delay=SECONDS (slow),
                           mode=malformed|invalid-utf8 (bad-alert: the middle alert of the page)
  --budgets on|off         enforce the documented request budgets as 429 with Retry-After (default on)
  --budget-graph SPEC      N/SECONDS[,N/SECONDS] or none (default 150/60)
  --budget-alerts SPEC     (default 100/60,1500/3600)
  --budget-siem SPEC       (default none)
  --budget-incidents SPEC  (default 150/60)
  --token-max-age SECONDS  tokens are refused as expired this long after issue, whatever expires_in said
  --graph-roles ROLES      the Graph application permissions granted, joined by + (or none); tokens issued from
                           then on carry them in "roles", and alerts_v2 answers 403 without SecurityAlert.Read.All
                           (or .ReadWrite.All), incidents without SecurityIncident.Read.All (or .ReadWrite.All)
                           (default SecurityAlert.Read.All)
  --expand-alerts-fault N  incidents asked for with $expand=alerts answer 500 when the page would hold more than N
                           incidents; 0: every such request, a single incident's too (default none)
  --hostile-answers KINDS  answers replaced by hostile ones, of these kinds mixed (joined by +; all; none):
                           deep-nesting (a value 100,000 levels deep), gzip-bomb (Content-Encoding: gzip, about
                           1 MiB that inflates to 1 GiB), huge-body (100 MiB), long-numbers (10,000 digits),
                           invalid-utf8-keys (object keys that are not UTF-8), wide-array (Content-Encoding:
                           gzip, about 64 KiB that inflates to 63 MiB: one array of 33 million zeros) (default none)
  --hostile-answer-rate P  the share (0-1) of targeted answers made hostile, drawn from --seed and the answer's
                           number, so a run repeats (default 1)
  --hostile-answer-targets T  pages (an alert API's answer to an authorized request, sent instead of the page: none
                           of its alerts counts as served), tokens (a token endpoint's token), errors (the body of
                           any error answer), joined by + (default pages)

  --help                   this text

Control endpoints (no auth):
  GET  /_sim/stats                       requests per API and status, token requests per endpoint version
  GET  /_sim/requests[?from=N]           every API request: {"at", "api", "status"[, "hostile": KIND]}
  GET  /_sim/ledger[?from=N][&final=1]   every version made visible: {"seq", "id", "lastUpdateDateTime", "ticks",
                                         "visibleAt", "apis", "siem", "supersededAt"}; final=1: not superseded
  POST /_sim/alerts?count=N[&tie=K]      new alerts now
  POST /_sim/mutate?count=N[&target=random|served|unserved][&api=graph|alerts][&id=ID...][&tie=K]
  POST /_sim/tokens/revoke               every token issued so far expires now
  GET|POST /_sim/hazards, GET|POST|DELETE /_sim/faults, GET|POST /_sim/foreign
  GET /_sim/stats also counts hostile answers ("hostileAnswers") and the foreign origin's requests ("foreignOrigin");
  its byApi lists the alert APIs; the incidents API's requests count in the totals and in GET /_sim/incidents
  GET  /_sim/incidents                   {"incidents", "incidentVersionsVisible", "apiRequests": {"total",
                                         "byStatus"}, "incidentsServed"}
  GET  /_sim/incidents/ledger[?from=N][&final=1]   every incident version made visible: {"seq", "id",
                                         "lastUpdateDateTime", "ticks", "visibleAt", "status", "redirectIncidentId",
                                         "alertIds", "supersededAt"}
  POST /_sim/incidents/update?count=N[&id=ID...][&tie=K]   updates of incidents now (random ones without id)
  POST /_sim/incidents/merge?source=ID&target=ID | ?count=N   merges now (N random ones): {"merges", "incidents",
                                         "alerts"} with the new versions of both
)";

enum Opt : int {
  kListenPort = 1000,
  kTlsDir,
  kCert,
  kKey,
  kReadyFile,
  kMaxConnections,
  kIdleTimeout,
  kTenant,
  kTenantGuid,
  kClientId,
  kClientSecret,
  kClientCertificate,
  kTokenLifetime,
  kAlerts,
  kSeed,
  kHistory,
  kMaxPageSize,
  kAlertsPageSize,
  kLedger,
  kIncidentLedger,
  kHazard,
  kFault,
  kFaultSetting,
  kForeignPort,
  kForeignSetting,
  kHelp
};

// Stores a parsed number; false when it did not parse.
template <typename T>
bool assign(T &out, const std::optional<T> &parsed) {
  if (parsed) out = *parsed;
  return parsed.has_value();
}

}  // namespace

ParsedOptions parse_options(int argc, char **argv) {
  static const option kLong[] = {
      {"listen-port", required_argument, nullptr, kListenPort},
      {"tls-dir", required_argument, nullptr, kTlsDir},
      {"cert", required_argument, nullptr, kCert},
      {"key", required_argument, nullptr, kKey},
      {"ready-file", required_argument, nullptr, kReadyFile},
      {"foreign-port", required_argument, nullptr, kForeignPort},
      {"next-link-origin", required_argument, nullptr, kForeignSetting},
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
      {"alerts-page-size", required_argument, nullptr, kAlertsPageSize},
      {"ledger", required_argument, nullptr, kLedger},
      {"incident-ledger", required_argument, nullptr, kIncidentLedger},
      {"tie-size", required_argument, nullptr, kHazard},
      {"feed-rate", required_argument, nullptr, kHazard},
      {"mutation-rate", required_argument, nullptr, kHazard},
      {"mutation-target", required_argument, nullptr, kHazard},
      {"ingestion-delay", required_argument, nullptr, kHazard},
      {"ingestion-delay-mode", required_argument, nullptr, kHazard},
      {"hostile-rate", required_argument, nullptr, kHazard},
      {"clock-offset", required_argument, nullptr, kHazard},
      {"incident-update-rate", required_argument, nullptr, kHazard},
      {"incident-merge-rate", required_argument, nullptr, kHazard},
      {"fault", required_argument, nullptr, kFault},
      {"budgets", required_argument, nullptr, kFaultSetting},
      {"budget-graph", required_argument, nullptr, kFaultSetting},
      {"budget-alerts", required_argument, nullptr, kFaultSetting},
      {"budget-siem", required_argument, nullptr, kFaultSetting},
      {"budget-incidents", required_argument, nullptr, kFaultSetting},
      {"graph-roles", required_argument, nullptr, kFaultSetting},
      {"expand-alerts-fault", required_argument, nullptr, kFaultSetting},
      {"token-max-age", required_argument, nullptr, kFaultSetting},
      {"hostile-answers", required_argument, nullptr, kFaultSetting},
      {"hostile-answer-rate", required_argument, nullptr, kFaultSetting},
      {"hostile-answer-targets", required_argument, nullptr, kFaultSetting},
      {"help", no_argument, nullptr, kHelp},
      {nullptr, 0, nullptr, 0},
  };
  Options o;
  Hazards hazards;  // checks --tie-size and its kind as they come
  const auto fail = [](const char *what, const char *value) {
    std::fprintf(stderr, "defender-sim: invalid value for --%s: '%s'\n", what, value ? value : "");
    return ParsedOptions{std::nullopt, 2};
  };
  const auto fail_with = [](const std::string &message) {
    std::fprintf(stderr, "defender-sim: %s\n", message.c_str());
    return ParsedOptions{std::nullopt, 2};
  };
  int c;
  int index = 0;
  opterr = 1;
  while ((c = getopt_long(argc, argv, "", kLong, &index)) != -1) {
    const char *arg = optarg;
    const char *name = kLong[index].name;
    switch (c) {
      case kListenPort:
        if (!assign(o.listen_port, parse_number<std::uint16_t>(arg, 0, 65535))) return fail("listen-port", arg);
        break;
      case kTlsDir:
        o.tls_dir = arg;
        break;
      case kCert:
        o.cert_file = arg;
        break;
      case kKey:
        o.key_file = arg;
        break;
      case kReadyFile:
        o.ready_file = arg;
        break;
      case kForeignPort: {
        std::uint16_t port = 0;
        if (!assign(port, parse_number<std::uint16_t>(arg, 0, 65535))) return fail("foreign-port", arg);
        o.foreign_port = port;
        break;
      }
      case kForeignSetting:
        o.foreign_settings.emplace_back(name, arg);
        break;
      case kMaxConnections:
        if (!assign(o.max_connections, parse_number<std::size_t>(arg, 1, 10000))) return fail("max-connections", arg);
        break;
      case kIdleTimeout:
        if (!assign(o.idle_timeout_seconds, parse_number(arg, 1, 86400))) return fail("idle-timeout", arg);
        break;
      case kTenant:
        o.tenant = arg;
        break;
      case kTenantGuid:
        o.tenant_guid = arg;
        break;
      case kClientId:
        o.client_id = arg;
        break;
      case kClientSecret:
        o.client_secret = arg;
        break;
      case kClientCertificate:
        o.client_certificate = arg;
        break;
      case kTokenLifetime:
        if (!assign(o.token_lifetime_seconds, parse_number<std::int64_t>(arg, 1, 86400 * 365)))
          return fail("token-lifetime", arg);
        break;
      case kAlerts:
        if (!assign(o.alerts, parse_number<std::size_t>(arg, 0, 10'000'000))) return fail("alerts", arg);
        break;
      case kSeed:
        if (!assign(o.seed, parse_number<std::uint64_t>(arg, 0, UINT64_MAX))) return fail("seed", arg);
        break;
      case kHistory:
        if (!assign(o.history_seconds, parse_number<std::int64_t>(arg, 1, 86400LL * 3650))) return fail("history", arg);
        break;
      case kMaxPageSize:
        if (!assign(o.max_page_size, parse_number<std::size_t>(arg, 1, 100'000))) return fail("max-page-size", arg);
        break;
      case kAlertsPageSize:
        if (!assign(o.alerts_page_size, parse_number<std::size_t>(arg, 1, 100'000)))
          return fail("alerts-page-size", arg);
        break;
      case kLedger:
        o.ledger_file = arg;
        break;
      case kIncidentLedger:
        o.incident_ledger_file = arg;
        break;
      case kHazard:
        if (const auto error = apply_hazard(hazards, name, arg)) return fail_with(*error);
        o.hazards.emplace_back(name, arg);
        break;
      case kFaultSetting:
        o.fault_settings.emplace_back(name, arg);
        if (const auto error = check_fault_settings(o.fault_settings)) return fail_with(*error);
        break;
      case kFault: {
        const SettingsParse spec = parse_spec(arg);
        if (!spec.settings) return fail_with(spec.error);
        FaultRuleParse rule = parse_fault(*spec.settings);
        if (!rule.rule) return fail_with("--fault " + std::string(arg) + ": " + rule.error);
        o.faults.push_back(*rule.rule);
        break;
      }
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
  ForeignOrigin foreign;  // checks --next-link-origin against --foreign-port
  if (o.foreign_port) foreign.listening_on(*o.foreign_port);
  if (const auto error = foreign.apply(o.foreign_settings)) return fail_with(*error);
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
