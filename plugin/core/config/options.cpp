#include "config/options.h"

#include <charconv>

#include "leef_format.h"

#include <algorithm>

#include "config/endpoints.h"
#include "config/text_match.h"

namespace defender {
namespace {

bool is_plain_http(const std::string &url) { return starts_with_ignoring_case(url, "http://"); }

OptionProblem problem(DefenderOption option, std::string message) { return OptionProblem{option, std::move(message)}; }

std::optional<OptionProblem> validate_credentials(const Options &o) {
  const int given = !o.client_secret.empty() + !o.client_secret_file.empty() + !o.client_certificate.empty();
  if (!o.client_secret.empty() && !o.client_secret_file.empty())
    return problem(DEFENDER_OPTION_COUNT,
                   "client-secret() and client-secret-file() are both set; keep one (client-secret-file() keeps the "
                   "secret out of the configuration)");
  if (given > 1)
    return problem(DEFENDER_OPTION_CLIENT_CERTIFICATE,
                   "client-certificate() and a client secret are both set; keep one credential");
  if (given == 0)
    return problem(DEFENDER_OPTION_COUNT,
                   "a credential is required: client-secret-file(\"/etc/syslog-ng/defender.secret\"), client-secret(), "
                   "or client-certificate() with client-private-key()");
  if (!o.client_private_key.empty() && o.client_certificate.empty())
    return problem(DEFENDER_OPTION_CLIENT_PRIVATE_KEY,
                   "client-private-key() needs client-certificate(): the certificate names the key to Entra ID");
  return std::nullopt;
}

std::optional<OptionProblem> validate_api_options(const Options &o) {
  const std::string api(api_name(o.api));
  if (!o.region.empty()) {
    if (o.api == Api::graph || o.api == Api::incidents)
      return problem(DEFENDER_OPTION_REGION,
                     "region() applies to api(alerts) and api(siem); Microsoft Graph has no regional hosts");
    if (o.cloud != Cloud::global)
      return problem(DEFENDER_OPTION_REGION, "region() applies to cloud(global); cloud(" +
                                                 std::string(cloud_name(o.cloud)) + ") has one host for api(" + api +
                                                 ")");
    if (!o.api_url.empty())
      return problem(DEFENDER_OPTION_REGION, "region() and api-url() both choose the API host; keep one");
    if (!is_known_region(o.api, o.region))
      return problem(DEFENDER_OPTION_REGION,
                     "unknown region(" + o.region + ") for api(" + api + "); use " + std::string(known_regions(o.api)));
  }
  if (!o.filter.empty() && o.api == Api::siem)
    return problem(DEFENDER_OPTION_FILTER,
                   "filter() applies to api(graph) and api(alerts); the SIEM API takes no OData filter (use "
                   "machine-groups() to narrow it)");
  if (!o.machine_groups.empty() && o.api != Api::siem)
    return problem(DEFENDER_OPTION_MACHINE_GROUPS,
                   "machine-groups() applies to api(siem); with api(" + api + ") use filter() instead");
  if (o.expand_evidence && o.api != Api::alerts)
    return problem(DEFENDER_OPTION_EXPAND_EVIDENCE,
                   "expand-evidence() applies to api(alerts); api(" + api +
                       ") returns evidence as it is (Graph inline, the SIEM API flat)");
  if (o.expand_alerts && o.api != Api::incidents)
    return problem(DEFENDER_OPTION_EXPAND_ALERTS,
                   "expand-alerts() applies to api(incidents); api(" + api + ") collects the alerts themselves");
  return std::nullopt;
}

std::optional<OptionProblem> validate_insecure_http(const Options &o) {
  if (o.transport.allow_insecure_http) return std::nullopt;
  const auto refuse = [](DefenderOption option, const std::string &url) {
    return problem(option,
                   std::string(defender_option_name(option)) + "(\"" + url +
                       "\") must be an https:// URL; plain http only on a test rig, with allow-insecure-http(yes)");
  };
  if (is_plain_http(o.login_url)) return refuse(DEFENDER_OPTION_LOGIN_URL, o.login_url);
  if (is_plain_http(o.api_url)) return refuse(DEFENDER_OPTION_API_URL, o.api_url);
  return std::nullopt;
}

// microsoft-defender-stream(): where, which hubs, and one way to authenticate.
std::optional<OptionProblem> validate_stream(const Options &o) {
  const StreamOptions &s = o.stream;
  if (s.event_namespace.empty() && s.bootstrap_servers.empty())
    return problem(DEFENDER_OPTION_COUNT,
                   "namespace() is required: the Event Hubs namespace Defender's Streaming API exports to, e.g. "
                   "namespace(\"contoso-defender\")");
  if (s.hubs.empty())
    return problem(DEFENDER_OPTION_COUNT,
                   "event-hub() is required: the event hub (or hubs) Defender's Streaming API writes to, e.g. "
                   "event-hub(\"insights-logs-advancedhunting\")");
  const bool app_credential = !o.tenant_id.empty() || !o.client_id.empty() || !o.client_secret.empty() ||
                              !o.client_secret_file.empty() || !o.client_certificate.empty();
  if (!s.connection_string_file.empty()) {
    if (app_credential)
      return problem(DEFENDER_OPTION_CONNECTION_STRING_FILE,
                     "connection-string-file() and Entra ID app credentials (tenant-id(), client-id(), a secret or a "
                     "certificate) are both given; keep one way to authenticate");
  } else {
    if (!app_credential)
      return problem(DEFENDER_OPTION_COUNT,
                     "a credential is required: connection-string-file(\"/etc/syslog-ng/eventhubs.secret\") "
                     "(a shared access policy's connection string), or tenant-id(), client-id() and "
                     "client-secret-file() or client-certificate() of an app with the Azure Event Hubs Data "
                     "Receiver role");
    if (o.tenant_id.empty())
      return problem(DEFENDER_OPTION_COUNT, "tenant-id() is required with Entra ID app credentials");
    if (o.client_id.empty())
      return problem(DEFENDER_OPTION_COUNT, "client-id() is required with Entra ID app credentials");
    if (auto p = validate_credentials(o)) return p;
    if (s.event_namespace.empty() && o.audience.empty())
      return problem(DEFENDER_OPTION_BOOTSTRAP_SERVERS,
                     "with Entra ID credentials the token is asked for the namespace "
                     "(https://<namespace>.servicebus.windows.net): give namespace() too, or audience()");
  }
  if (o.leef_delimiter_set && o.format.format != Format::leef2)
    return OptionProblem{
        DEFENDER_OPTION_LEEF_DELIMITER,
        "leef-delimiter() applies to format(leef2) only; LEEF 1.0 always separates attributes with TAB"};
  return validate_insecure_http(o);
}

}  // namespace

std::string_view api_name(Api api) {
  switch (api) {
    case Api::graph:
      return "graph";
    case Api::alerts:
      return "alerts";
    case Api::siem:
      return "siem";
    case Api::incidents:
      return "incidents";
  }
  return "graph";
}

OptionError set_api(Options &options, std::string_view value) {
  for (const Api api : {Api::graph, Api::alerts, Api::siem, Api::incidents}) {
    if (equals_ignoring_case(value, api_name(api))) {
      options.api = api;
      return std::nullopt;
    }
  }
  return "unknown api(" + std::string(value) + "); use graph, alerts, siem or incidents";
}

std::string_view cloud_name(Cloud cloud) {
  switch (cloud) {
    case Cloud::global:
      return "global";
    case Cloud::gcc:
      return "gcc";
    case Cloud::gcc_high:
      return "gcc-high";
    case Cloud::dod:
      return "dod";
  }
  return "global";
}

OptionError set_cloud(Options &options, std::string_view value) {
  // syslog-ng's lexer hands identifiers over as written; gcc_high and gcc-high mean the same.
  std::string spelled(value);
  std::replace(spelled.begin(), spelled.end(), '_', '-');
  for (const Cloud cloud : {Cloud::global, Cloud::gcc, Cloud::gcc_high, Cloud::dod}) {
    if (equals_ignoring_case(spelled, cloud_name(cloud))) {
      options.cloud = cloud;
      return std::nullopt;
    }
  }
  return "unknown cloud(" + std::string(value) + "); use global, gcc, gcc-high or dod";
}

OptionError set_format(Options &options, std::string_view value) {
  if (equals_ignoring_case(value, "cef")) {
    options.format.format = Format::cef;
    return std::nullopt;
  }
  if (equals_ignoring_case(value, "json")) {
    options.format.format = Format::json;
    return std::nullopt;
  }
  if (equals_ignoring_case(value, "leef")) {
    options.format.format = Format::leef;
    return std::nullopt;
  }
  if (equals_ignoring_case(value, "leef2")) {
    options.format.format = Format::leef2;
    return std::nullopt;
  }
  if (equals_ignoring_case(value, "ocsf")) {
    options.format.format = Format::ocsf;
    return std::nullopt;
  }
  return "unknown format(" + std::string(value) + "); use cef, leef (LEEF 1.0), leef2 (LEEF 2.0), json or ocsf";
}

OptionError set_leef_delimiter(Options &options, std::string_view value) {
  std::optional<char> delimiter;
  std::string_view hex = value;
  if (hex.substr(0, 2) == "0x" || hex.substr(0, 2) == "0X")
    hex.remove_prefix(2);
  else if (!hex.empty() && (hex[0] == 'x' || hex[0] == 'X'))
    hex.remove_prefix(1);
  if (value.size() == 1) {
    delimiter = value[0];
  } else if (hex.size() != value.size() && !hex.empty() && hex.size() <= 2) {
    unsigned code = 0;
    const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), code, 16);
    if (ec == std::errc() && end == hex.data() + hex.size()) delimiter = static_cast<char>(code);
  }
  if (!delimiter || !is_valid_leef_delimiter(*delimiter))
    return "leef-delimiter(\"" + std::string(value) +
           "\") must be one character such as \"^\", or its code such as \"x09\" for TAB; letters, digits, space, "
           "'=', '|', NUL, CR and LF cannot separate LEEF attributes";
  options.format.leef_delimiter = *delimiter;
  options.leef_delimiter_set = true;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::cef:
      return "cef";
    case Format::leef:
      return "leef";
    case Format::leef2:
      return "leef2";
    case Format::json:
      return "json";
    case Format::ocsf:
      return "ocsf";
  }
  return "cef";
}

OptionError set_url(std::string &field, std::string_view option, std::string_view value) {
  std::string_view url = value;
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  const bool https = starts_with_ignoring_case(url, "https://");
  const bool http = starts_with_ignoring_case(url, "http://");
  const size_t scheme_length = https ? std::string_view("https://").size() : std::string_view("http://").size();
  if ((!https && !http) || url.size() == scheme_length)
    return std::string(option) + "(\"" + std::string(value) +
           "\") must be an https:// URL of scheme and host, e.g. https://login.microsoftonline.com";
  if (url.find_first_of("?# ") != std::string_view::npos)
    return std::string(option) + "(\"" + std::string(value) + "\") must not contain a query, a fragment or spaces";
  field = url;
  return std::nullopt;
}

OptionError set_tenant(Options &options, std::string_view value) {
  const bool plain = !value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_';
  });
  if (!plain)
    return "tenant-id(\"" + std::string(value) +
           "\") must be the tenant's GUID or its domain, e.g. contoso.onmicrosoft.com";
  options.tenant_id = value;
  return std::nullopt;
}

std::optional<OptionProblem> validate(const Options &options) {
  if (options.driver == Driver::stream) return validate_stream(options);
  if (options.tenant_id.empty())
    return problem(DEFENDER_OPTION_COUNT,
                   "tenant-id() is required: the tenant's GUID or domain, e.g. tenant-id(\"contoso.onmicrosoft.com\")");
  if (options.client_id.empty())
    return problem(DEFENDER_OPTION_COUNT,
                   "client-id() is required: the application (client) ID of the Entra ID app registration");
  if (auto p = validate_credentials(options)) return p;
  if (auto p = validate_api_options(options)) return p;
  if (options.leef_delimiter_set && options.format.format != Format::leef2)
    return OptionProblem{
        DEFENDER_OPTION_LEEF_DELIMITER,
        "leef-delimiter() applies to format(leef2) only; LEEF 1.0 always separates attributes with TAB"};
  return validate_insecure_http(options);
}

int64_t max_page_size(Api api) {
  switch (api) {
    case Api::graph:
      return 1000;
    case Api::alerts:
      return 10000;
    case Api::siem:
      return 10000;
    case Api::incidents:
      return 50;  // Graph answers $top=51 or more with 400 (docs/microsoft-apis.md, "Incidents")
  }
  return 1000;
}

int64_t effective_page_size(const Options &options) {
  return std::clamp<int64_t>(options.page_size, 1, max_page_size(options.api));
}

std::optional<std::string> page_size_notice(const Options &options) {
  if (options.page_size <= max_page_size(options.api)) return std::nullopt;
  return "page-size(" + std::to_string(options.page_size) + ") is more than api(" + std::string(api_name(options.api)) +
         ") serves in a page; pages of " + std::to_string(max_page_size(options.api)) + " are asked for";
}

Budget default_budget(Api api) {
  switch (api) {
    case Api::graph:
    case Api::incidents:
      return Budget{150, 0};
    case Api::alerts:
      return Budget{100, 1500};
    case Api::siem:
      return Budget{60, 1500};
  }
  return Budget{100, 1500};
}

Budget effective_budget(const Options &options) {
  const Budget documented = default_budget(options.api);
  return Budget{options.requests_per_minute.value_or(documented.per_minute),
                options.requests_per_hour.value_or(documented.per_hour)};
}

std::string default_persist_name(const Options &options) {
  // The stream's position is the consumer group's, kept by Event Hubs; the name tells its statistics apart.
  if (options.driver == Driver::stream) {
    std::string name = stream_bootstrap_servers(options) + "," + options.stream.consumer_group;
    for (const auto &hub : options.stream.hubs) name += "," + hub;
    return name.substr(0, 200);
  }
  std::string name = options.tenant_id;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name + "," + std::string(api_name(options.api));
}

}  // namespace defender
