// The source's configuration as the core sees it: typed, validated, with the URLs it implies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boundary/core.h"
#include "config/option_kind.h"
#include "config/stream_options.h"
#include "config/transport_options.h"
#include "credentials/secret.h"
#include "format.h"

namespace defender {

enum class Api { graph, alerts, siem, incidents };
enum class Cloud { global, gcc, gcc_high, dod };
// How a certificate assertion is signed (docs/microsoft-apis.md, "Certificate assertions"): PS256 with x5t#S256 is
// Entra's current form; RS256 with x5t is the older one some tenants' policies still expect.
enum class AssertionAlgorithm { ps256, rs256 };
enum class TokenVersion { v1, v2 };

std::string_view api_name(Api api);
std::string_view cloud_name(Cloud cloud);
std::string_view format_name(Format format);

struct Options {
  Driver driver = Driver::poll;
  std::string tenant_id;
  std::string client_id;
  Secret client_secret;  // wiped when the options go
  std::string client_secret_file;
  std::string client_certificate;  // PEM; holds the private key too when client_private_key is empty
  std::string client_private_key;  // PEM, not encrypted
  AssertionAlgorithm assertion_algorithm = AssertionAlgorithm::ps256;

  Api api = Api::graph;
  Cloud cloud = Cloud::global;
  std::string region;                         // alerts and siem: a regional host of the global cloud
  std::string login_url;                      // empty: the cloud's login host
  std::string api_url;                        // empty: the API's host in the cloud
  std::string audience;                       // empty: the API's audience in the cloud
  std::optional<TokenVersion> token_version;  // empty: the one the API documents

  std::string filter;                       // graph and alerts: an OData clause added to the time filter
  std::optional<bool> expand_evidence;      // alerts: $expand=evidence; empty means yes
  std::optional<bool> expand_alerts;        // incidents: $expand=alerts; empty means no
  std::vector<std::string> machine_groups;  // siem: machinegroups=, repeated
  // yes: every version of an alert; no: each alert once, as first fetched (paged on its creation time). The SIEM
  // API's records never change, so there it makes no difference.
  bool emit_updates = true;

  TransportOptions transport;
  // The request budget per source; empty: the API's documented limit (see default_budget); 0: no limit.
  std::optional<int64_t> requests_per_minute;
  std::optional<int64_t> requests_per_hour;

  FormatOptions format;
  bool leef_delimiter_set = false;  // leef-delimiter() was written: it only means something for format(leef2)
  int64_t poll_interval_seconds = 60;
  int64_t page_size = 1000;
  int64_t initial_lookback_seconds = 86400;
  int64_t late_arrival_seconds = 300;
  // A page answer longer than this, decoded or as received, is abandoned and asked for again: what a source holds
  // follows this, not the server. A page of 1,000 Graph alerts with their evidence is a few MiB.
  int64_t max_response_bytes = 64 * 1024 * 1024;

  StreamOptions stream;  // microsoft-defender-stream() only
};

// Each returns an error for the person writing the configuration, or nothing when the value was taken.
using OptionError = std::optional<std::string>;

OptionError set_tenant(Options &options, std::string_view value);
OptionError set_api(Options &options, std::string_view value);
OptionError set_cloud(Options &options, std::string_view value);
OptionError set_format(Options &options, std::string_view value);
// One character, or its code as LEEF 2.0 writes it in the header ("x09" or "0x09" for TAB).
OptionError set_leef_delimiter(Options &options, std::string_view value);
// https:// (or http://, which validate() refuses without allow-insecure-http(yes)) and a host, nothing after it.
OptionError set_url(std::string &field, std::string_view option, std::string_view value);

// An option that cannot be used together with the rest. option is DEFENDER_OPTION_COUNT when no single option is
// at fault (something required is missing, two alternatives are both given).
struct OptionProblem {
  DefenderOption option;
  std::string message;
};

// The checks that need all options at once: what is required, what contradicts. No file is read here.
std::optional<OptionProblem> validate(const Options &options);

// The largest page each API serves.
int64_t max_page_size(Api api);
int64_t effective_page_size(const Options &options);
// Said at start when page-size() is more than the API serves, so the smaller pages are no surprise.
std::optional<std::string> page_size_notice(const Options &options);

// Requests per minute and per hour; 0 is no limit.
struct Budget {
  int64_t per_minute;
  int64_t per_hour;
};
// docs/microsoft-apis.md, "Request budgets": alerts API 100/min and 1,500/hour; Graph alerts 150/min. The SIEM API
// documents none: one a second and 1,500 an hour are polite and far above what polling needs.
Budget default_budget(Api api);
Budget effective_budget(const Options &options);

// Stable across restarts and reloads, and different for each tenant and API.
std::string default_persist_name(const Options &options);

}  // namespace defender
