// Every cloud preset of every API, pinned to docs/microsoft-apis.md ("Clouds and hosts",
// "Token endpoints and audiences"): login host, API host, token endpoint version and audience; and overrides that move
// hosts but never the audience.
#include <doctest/doctest.h>

#include "config/endpoints.h"

using namespace defender;

namespace {

Options options(Api api, Cloud cloud, std::string region = {}) {
  Options o;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  o.api = api;
  o.cloud = cloud;
  o.region = std::move(region);
  return o;
}

const std::string v2_global = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token";
const std::string v2_us_gov = "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token";
const std::string v1_global = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token";
const std::string v1_us_gov = "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/token";

void check(const Endpoints &e, const std::string &token_url, TokenVersion version, const std::string &audience,
           const std::string &alerts_url) {
  CHECK(e.token_url == token_url);
  CHECK(e.token_version == version);
  CHECK(e.audience == audience);
  CHECK(e.alerts_url == alerts_url);
}

}  // namespace

TEST_CASE("graph: GCC uses the worldwide Graph; GCC High and DoD their own, with v2 tokens for the same host") {
  const std::string path = "/v1.0/security/alerts_v2";
  check(endpoints_for(options(Api::graph, Cloud::global)), v2_global, TokenVersion::v2, "https://graph.microsoft.com",
        "https://graph.microsoft.com" + path);
  check(endpoints_for(options(Api::graph, Cloud::gcc)), v2_global, TokenVersion::v2, "https://graph.microsoft.com",
        "https://graph.microsoft.com" + path);
  check(endpoints_for(options(Api::graph, Cloud::gcc_high)), v2_us_gov, TokenVersion::v2, "https://graph.microsoft.us",
        "https://graph.microsoft.us" + path);
  check(endpoints_for(options(Api::graph, Cloud::dod)), v2_us_gov, TokenVersion::v2, "https://dod-graph.microsoft.us",
        "https://dod-graph.microsoft.us" + path);
}

TEST_CASE("alerts: api.security.microsoft.com with the api.securitycenter audience; gov hosts are their own audience") {
  check(endpoints_for(options(Api::alerts, Cloud::global)), v2_global, TokenVersion::v2,
        "https://api.securitycenter.microsoft.com", "https://api.security.microsoft.com/api/alerts");
  check(endpoints_for(options(Api::alerts, Cloud::gcc)), v2_global, TokenVersion::v2,
        "https://api-gcc.securitycenter.microsoft.us", "https://api-gcc.securitycenter.microsoft.us/api/alerts");
  check(endpoints_for(options(Api::alerts, Cloud::gcc_high)), v2_us_gov, TokenVersion::v2,
        "https://api-gov.securitycenter.microsoft.us", "https://api-gov.securitycenter.microsoft.us/api/alerts");
  check(endpoints_for(options(Api::alerts, Cloud::dod)), v2_us_gov, TokenVersion::v2,
        "https://api-gov.securitycenter.microsoft.us", "https://api-gov.securitycenter.microsoft.us/api/alerts");
}

TEST_CASE("alerts: a region moves the host to <region>.api.security.microsoft.com and keeps the audience") {
  for (const std::string region : {"us", "eu", "uk", "au", "swa", "ina", "aea"}) {
    CAPTURE(region);
    check(endpoints_for(options(Api::alerts, Cloud::global, region)), v2_global, TokenVersion::v2,
          "https://api.securitycenter.microsoft.com", "https://" + region + ".api.security.microsoft.com/api/alerts");
  }
}

TEST_CASE("siem: the alert exporter hosts with v1 tokens for https://graph.windows.net") {
  check(endpoints_for(options(Api::siem, Cloud::global)), v1_global, TokenVersion::v1, "https://graph.windows.net",
        "https://wdatp-alertexporter-us.windows.com/api/alerts");
  check(endpoints_for(options(Api::siem, Cloud::gcc)), v1_global, TokenVersion::v1, "https://graph.windows.net",
        "https://wdatp-alertexporter-us.gcc.securitycenter.windows.us/api/alerts");
  check(endpoints_for(options(Api::siem, Cloud::gcc_high)), v1_us_gov, TokenVersion::v1, "https://graph.windows.net",
        "https://wdatp-alertexporter-us.securitycenter.windows.us/api/alerts");
  check(endpoints_for(options(Api::siem, Cloud::dod)), v1_us_gov, TokenVersion::v1, "https://graph.windows.net",
        "https://wdatp-alertexporter-us.securitycenter.windows.us/api/alerts");
}

TEST_CASE("siem: a region moves the host to wdatp-alertexporter-<region>.windows.com") {
  for (const std::string region : {"us", "eu", "uk"}) {
    CAPTURE(region);
    CHECK(endpoints_for(options(Api::siem, Cloud::global, region)).alerts_url ==
          "https://wdatp-alertexporter-" + region + ".windows.com/api/alerts");
  }
}

TEST_CASE("the known regions of each API") {
  CHECK(is_known_region(Api::alerts, "swa"));
  CHECK_FALSE(is_known_region(Api::siem, "swa"));
  CHECK(is_known_region(Api::siem, "eu"));
  CHECK_FALSE(is_known_region(Api::graph, "eu"));
  CHECK(known_regions(Api::siem) == "us, eu or uk");
}

TEST_CASE("login-url() and api-url() move the hosts and never the audience; audience() sets it") {
  Options o = options(Api::alerts, Cloud::gcc_high);
  o.login_url = "https://127.0.0.1:8443";
  o.api_url = "https://127.0.0.1:9443";
  check(endpoints_for(o), "https://127.0.0.1:8443/contoso.onmicrosoft.com/oauth2/v2.0/token", TokenVersion::v2,
        "https://api-gov.securitycenter.microsoft.us", "https://127.0.0.1:9443/api/alerts");
  o.audience = "https://api-gov.security.microsoft.us";
  CHECK(endpoints_for(o).audience == "https://api-gov.security.microsoft.us");
}

TEST_CASE("token-version() picks the other token endpoint of the same login host") {
  Options o = options(Api::siem, Cloud::global);
  o.token_version = TokenVersion::v2;
  CHECK(endpoints_for(o).token_url == v2_global);
  o = options(Api::alerts, Cloud::dod);
  o.token_version = TokenVersion::v1;
  CHECK(endpoints_for(o).token_url == v1_us_gov);
  CHECK(endpoints_for(o).token_version == TokenVersion::v1);
}
