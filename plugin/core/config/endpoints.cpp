#include "config/endpoints.h"

#include <array>

namespace defender {
namespace {

constexpr const char *login_global = "https://login.microsoftonline.com";
constexpr const char *login_us_gov = "https://login.microsoftonline.us";

struct Preset {
  const char *login;
  const char *api;       // scheme and host
  const char *audience;  // never follows an overridden api-url()
};

// docs/microsoft-apis.md, "Clouds and hosts": GCC uses the worldwide Graph; GCC High and DoD have their own.
Preset graph_preset(Cloud cloud) {
  switch (cloud) {
    case Cloud::global:
    case Cloud::gcc:
      return {login_global, "https://graph.microsoft.com", "https://graph.microsoft.com"};
    case Cloud::gcc_high:
      return {login_us_gov, "https://graph.microsoft.us", "https://graph.microsoft.us"};
    case Cloud::dod:
      return {login_us_gov, "https://dod-graph.microsoft.us", "https://dod-graph.microsoft.us"};
  }
  return graph_preset(Cloud::global);
}

// Hosts and audiences: docs/microsoft-apis.md, "Clouds and hosts" and "Token endpoints and audiences". The government
// audiences equal the hosts: that is community-sourced (Microsoft documents only the hosts); audience() overrides it
// where a tenant needs another.
Preset alerts_preset(Cloud cloud) {
  switch (cloud) {
    case Cloud::global:
      return {login_global, "https://api.security.microsoft.com", "https://api.securitycenter.microsoft.com"};
    case Cloud::gcc:
      return {login_global, "https://api-gcc.securitycenter.microsoft.us",
              "https://api-gcc.securitycenter.microsoft.us"};
    case Cloud::gcc_high:
    case Cloud::dod:
      return {login_us_gov, "https://api-gov.securitycenter.microsoft.us",
              "https://api-gov.securitycenter.microsoft.us"};
  }
  return alerts_preset(Cloud::global);
}

// Hosts: docs/microsoft-apis.md, "Clouds and hosts"; audience ("Token endpoints and audiences"): the SIEM app that the
// portal creates takes tokens for https://graph.windows.net.
Preset siem_preset(Cloud cloud) {
  switch (cloud) {
    case Cloud::global:
      return {login_global, "https://wdatp-alertexporter-us.windows.com", "https://graph.windows.net"};
    case Cloud::gcc:
      return {login_global, "https://wdatp-alertexporter-us.gcc.securitycenter.windows.us",
              "https://graph.windows.net"};
    case Cloud::gcc_high:
    case Cloud::dod:
      return {login_us_gov, "https://wdatp-alertexporter-us.securitycenter.windows.us", "https://graph.windows.net"};
  }
  return siem_preset(Cloud::global);
}

Preset preset(Api api, Cloud cloud) {
  switch (api) {
    case Api::graph:
    case Api::incidents:
      return graph_preset(cloud);
    case Api::alerts:
      return alerts_preset(cloud);
    case Api::siem:
      return siem_preset(cloud);
  }
  return graph_preset(cloud);
}

std::string regional_host(Api api, const std::string &region) {
  if (api == Api::alerts) return "https://" + region + ".api.security.microsoft.com";
  return "https://wdatp-alertexporter-" + region + ".windows.com";
}

std::string_view api_path(Api api) {
  switch (api) {
    case Api::graph:
      return "/v1.0/security/alerts_v2";
    case Api::incidents:
      return "/v1.0/security/incidents";
    case Api::alerts:
    case Api::siem:
      break;
  }
  return "/api/alerts";
}

// Graph and the alerts API document the v2 endpoint; the SIEM API documents v1 with resource= (docs/microsoft-apis.md,
// "Token endpoints and audiences").
TokenVersion documented_token_version(Api api) { return api == Api::siem ? TokenVersion::v1 : TokenVersion::v2; }

constexpr std::array<std::string_view, 7> alerts_regions{"us", "eu", "uk", "au", "swa", "ina", "aea"};
constexpr std::array<std::string_view, 3> siem_regions{"us", "eu", "uk"};

}  // namespace

bool is_known_region(Api api, std::string_view region) {
  const auto known = [&](const auto &regions) {
    for (const auto r : regions)
      if (r == region) return true;
    return false;
  };
  if (api == Api::alerts) return known(alerts_regions);
  if (api == Api::siem) return known(siem_regions);
  return false;
}

std::string_view known_regions(Api api) {
  if (api == Api::alerts) return "us, eu, uk, au, swa, ina or aea";
  if (api == Api::siem) return "us, eu or uk";
  return "none";
}

namespace {

// docs/streaming-api.md, "Clouds": Event Hubs' host suffix; GCC uses the worldwide one.
std::string_view service_bus_suffix(Cloud cloud) {
  return cloud == Cloud::gcc_high || cloud == Cloud::dod ? ".servicebus.usgovcloudapi.net" : ".servicebus.windows.net";
}

std::string namespace_host(const Options &options) {
  const std::string &name = options.stream.event_namespace;
  if (name.empty() || name.find('.') != std::string::npos) return name;
  return name + std::string(service_bus_suffix(options.cloud));
}

}  // namespace

std::string stream_bootstrap_servers(const Options &options) {
  if (!options.stream.bootstrap_servers.empty()) return options.stream.bootstrap_servers;
  return namespace_host(options) + ":9093";
}

namespace {

// microsoft-defender-stream(): the token is for the namespace itself (scope https://<host>/.default, v2).
Endpoints stream_endpoints(const Options &options) {
  const std::string login = options.login_url.empty() ? preset(Api::graph, options.cloud).login : options.login_url;
  return Endpoints{
      .token_url = login + "/" + options.tenant_id + "/oauth2/v2.0/token",
      .token_version = TokenVersion::v2,
      .audience = options.audience.empty() ? "https://" + namespace_host(options) : options.audience,
      .alerts_url = stream_bootstrap_servers(options),
  };
}

}  // namespace

Endpoints endpoints_for(const Options &options) {
  if (options.driver == Driver::stream) return stream_endpoints(options);
  const Preset p = preset(options.api, options.cloud);
  const std::string login = options.login_url.empty() ? p.login : options.login_url;
  std::string api = options.api_url;
  if (api.empty()) api = options.region.empty() ? p.api : regional_host(options.api, options.region);
  const TokenVersion version = options.token_version.value_or(documented_token_version(options.api));
  return Endpoints{
      .token_url =
          login + "/" + options.tenant_id + (version == TokenVersion::v2 ? "/oauth2/v2.0/token" : "/oauth2/token"),
      .token_version = version,
      .audience = options.audience.empty() ? p.audience : options.audience,
      .alerts_url = api + std::string(api_path(options.api)),
  };
}

}  // namespace defender
