// Option values and their combinations, checked while the configuration is read.
#include <doctest/doctest.h>

#include "endpoints.h"
#include "options.h"

using namespace defender;

namespace {

Options usable() {
  Options o;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  o.client_secret_file = "/etc/syslog-ng/defender.secret";
  return o;
}

}  // namespace

TEST_CASE("a tenant, a client and one secret are enough") { CHECK_FALSE(validate(usable())); }

TEST_CASE("a missing tenant names tenant-id()") {
  Options o = usable();
  o.tenant_id.clear();
  CHECK(validate(o)->rfind("tenant-id() is required", 0) == 0);
}

TEST_CASE("a missing client names client-id()") {
  Options o = usable();
  o.client_id.clear();
  CHECK(validate(o)->rfind("client-id() is required", 0) == 0);
}

TEST_CASE("both a secret and a secret file is a contradiction") {
  Options o = usable();
  o.client_secret = "x";
  CHECK(validate(o)->rfind("client-secret() and client-secret-file() are both set", 0) == 0);
}

TEST_CASE("no credential at all is refused") {
  Options o = usable();
  o.client_secret_file.clear();
  CHECK(validate(o)->rfind("a credential is required", 0) == 0);
}

TEST_CASE("a tenant is a GUID or a domain, nothing that could change the token URL") {
  Options o;
  CHECK_FALSE(set_tenant(o, "0b5b6e63-1e5e-4b0e-9a55-6c1e2d5b8f00"));
  CHECK_FALSE(set_tenant(o, "contoso.onmicrosoft.com"));
  CHECK(set_tenant(o, "contoso/../common"));
  CHECK(set_tenant(o, ""));
}

TEST_CASE("api() knows graph, in any case") {
  Options o;
  CHECK_FALSE(set_api(o, "GRAPH"));
  CHECK(o.api == Api::graph);
  CHECK(*set_api(o, "grahp") == "unknown api(grahp); use graph");
}

TEST_CASE("format() knows cef and json") {
  Options o;
  CHECK_FALSE(set_format(o, "json"));
  CHECK(o.format.format == Format::json);
  CHECK_FALSE(set_format(o, "CEF"));
  CHECK(o.format.format == Format::cef);
  CHECK(set_format(o, "xml"));
}

TEST_CASE("URLs must be https and lose their trailing slash") {
  std::string url;
  CHECK_FALSE(set_url(url, "login-url", "https://login.microsoftonline.us/"));
  CHECK(url == "https://login.microsoftonline.us");
  CHECK(set_url(url, "api-url", "http://graph.microsoft.com")->rfind("api-url(\"http://graph.microsoft.com\") must be an https:// URL", 0) == 0);
  CHECK(set_url(url, "api-url", "https://graph.microsoft.com/?x=1"));
}

TEST_CASE("page size is clamped to what the API serves") {
  Options o = usable();
  o.page_size = 5000;
  CHECK(effective_page_size(o) == 1000);
  o.page_size = 250;
  CHECK(effective_page_size(o) == 250);
}

TEST_CASE("the default persist name is the tenant in lower case and the API") {
  Options o = usable();
  o.tenant_id = "Contoso.OnMicrosoft.com";
  CHECK(default_persist_name(o) == "contoso.onmicrosoft.com,graph");
}

TEST_CASE("the global cloud's Graph endpoints, and overrides that move the host but not the audience") {
  Options o = usable();
  Endpoints e = endpoints_for(o);
  CHECK(e.token_url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(e.scope == "https://graph.microsoft.com/.default");
  CHECK(e.alerts_url == "https://graph.microsoft.com/v1.0/security/alerts_v2");
  o.login_url = "https://127.0.0.1:8443";
  o.api_url = "https://127.0.0.1:8443";
  e = endpoints_for(o);
  CHECK(e.token_url == "https://127.0.0.1:8443/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(e.scope == "https://graph.microsoft.com/.default");
  CHECK(e.alerts_url == "https://127.0.0.1:8443/v1.0/security/alerts_v2");
}

TEST_CASE("cloud() presets move Graph, its audience and the login host together") {
  Options o = usable();
  CHECK_FALSE(set_cloud(o, "gcc"));
  Endpoints e = endpoints_for(o);
  CHECK(e.token_url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(e.scope == "https://graph.microsoft.com/.default");
  CHECK(e.alerts_url == "https://graph.microsoft.com/v1.0/security/alerts_v2");
  CHECK_FALSE(set_cloud(o, "gcc-high"));
  e = endpoints_for(o);
  CHECK(e.token_url == "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(e.scope == "https://graph.microsoft.us/.default");
  CHECK(e.alerts_url == "https://graph.microsoft.us/v1.0/security/alerts_v2");
  CHECK_FALSE(set_cloud(o, "dod"));
  e = endpoints_for(o);
  CHECK(e.token_url == "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(e.scope == "https://dod-graph.microsoft.us/.default");
  CHECK(e.alerts_url == "https://dod-graph.microsoft.us/v1.0/security/alerts_v2");
}

TEST_CASE("cloud() takes gcc_high for gcc-high and refuses unknown clouds") {
  Options o;
  CHECK_FALSE(set_cloud(o, "gcc_high"));
  CHECK(o.cloud == Cloud::gcc_high);
  CHECK(*set_cloud(o, "china") == "unknown cloud(china); use global, gcc, gcc-high or dod");
}
