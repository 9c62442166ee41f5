// Option values and their combinations, checked while the configuration is read.
#include <doctest/doctest.h>

#include "config/option_kind.h"
#include "config/option_setters.h"
#include "config/options.h"

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
  CHECK(validate(o)->message.rfind("tenant-id() is required", 0) == 0);
}

TEST_CASE("a missing client names client-id()") {
  Options o = usable();
  o.client_id.clear();
  CHECK(validate(o)->message.rfind("client-id() is required", 0) == 0);
}

TEST_CASE("both a secret and a secret file is a contradiction") {
  Options o = usable();
  o.client_secret = "x";
  CHECK(validate(o)->message.rfind("client-secret() and client-secret-file() are both set", 0) == 0);
}

TEST_CASE("no credential at all is refused") {
  Options o = usable();
  o.client_secret_file.clear();
  CHECK(validate(o)->message.rfind("a credential is required", 0) == 0);
}

TEST_CASE("a tenant is a GUID or a domain, nothing that could change the token URL") {
  Options o;
  CHECK_FALSE(set_tenant(o, "0b5b6e63-1e5e-4b0e-9a55-6c1e2d5b8f00"));
  CHECK_FALSE(set_tenant(o, "contoso.onmicrosoft.com"));
  CHECK(set_tenant(o, "contoso/../common"));
  CHECK(set_tenant(o, ""));
}

TEST_CASE("api() knows graph, alerts and siem, in any case") {
  Options o;
  CHECK_FALSE(set_api(o, "GRAPH"));
  CHECK(o.api == Api::graph);
  CHECK_FALSE(set_api(o, "alerts"));
  CHECK(o.api == Api::alerts);
  CHECK_FALSE(set_api(o, "Siem"));
  CHECK(o.api == Api::siem);
  CHECK(*set_api(o, "grahp") == "unknown api(grahp); use graph, alerts, siem or incidents");
}

TEST_CASE("format() knows cef and json") {
  Options o;
  CHECK_FALSE(set_format(o, "json"));
  CHECK(o.format.format == Format::json);
  CHECK_FALSE(set_format(o, "CEF"));
  CHECK(o.format.format == Format::cef);
  CHECK(set_format(o, "xml"));
}

TEST_CASE("URLs are a scheme and a host, without their trailing slash") {
  std::string url;
  CHECK_FALSE(set_url(url, "login-url", "https://login.microsoftonline.us/"));
  CHECK(url == "https://login.microsoftonline.us");
  CHECK(*set_url(url, "api-url", "ftp://graph.microsoft.com") ==
        "api-url(\"ftp://graph.microsoft.com\") must be an https:// URL of scheme and host, e.g. "
        "https://login.microsoftonline.com");
  CHECK(set_url(url, "api-url", "https://graph.microsoft.com/?x=1"));
  CHECK(set_url(url, "api-url", "https://"));
}

TEST_CASE("plain http is refused at validation, naming the option, unless allow-insecure-http(yes)") {
  Options o = usable();
  CHECK_FALSE(set_url(o.api_url, "api-url", "http://127.0.0.1:8080"));
  const auto problem = validate(o);
  REQUIRE(problem);
  CHECK(problem->option == DEFENDER_OPTION_API_URL);
  CHECK(problem->message ==
        "api-url(\"http://127.0.0.1:8080\") must be an https:// URL; plain http only on a test rig, with "
        "allow-insecure-http(yes)");
  CHECK_FALSE(set_bool_option(o, DEFENDER_OPTION_ALLOW_INSECURE_HTTP, true));
  CHECK_FALSE(validate(o));
}

TEST_CASE("page size is clamped to what the API serves, with a notice") {
  Options o = usable();
  o.page_size = 5000;
  CHECK(effective_page_size(o) == 1000);
  CHECK(page_size_notice(o) ==
        "page-size(5000) is more than api(graph) serves in a page; pages of 1000 are asked "
        "for");
  o.api = Api::alerts;
  CHECK(effective_page_size(o) == 5000);
  CHECK_FALSE(page_size_notice(o));
  o.page_size = 250;
  CHECK(effective_page_size(o) == 250);
}

TEST_CASE("the default persist name is the tenant in lower case and the API") {
  Options o = usable();
  o.tenant_id = "Contoso.OnMicrosoft.com";
  CHECK(default_persist_name(o) == "contoso.onmicrosoft.com,graph");
}

TEST_CASE("a certificate is a credential of its own; a key file needs its certificate") {
  Options o = usable();
  o.client_secret_file.clear();
  o.client_certificate = "/etc/syslog-ng/defender.pem";
  CHECK_FALSE(validate(o));
  o.client_private_key = "/etc/syslog-ng/defender.key";
  CHECK_FALSE(validate(o));
  o.client_secret = "x";
  REQUIRE(validate(o));
  CHECK(validate(o)->option == DEFENDER_OPTION_CLIENT_CERTIFICATE);
  CHECK(validate(o)->message == "client-certificate() and a client secret are both set; keep one credential");
  o.client_secret.clear();
  o.client_certificate.clear();
  o.client_secret_file = "/etc/syslog-ng/defender.secret";
  REQUIRE(validate(o));
  CHECK(validate(o)->option == DEFENDER_OPTION_CLIENT_PRIVATE_KEY);
  CHECK(validate(o)->message.rfind("client-private-key() needs client-certificate()", 0) == 0);
}

TEST_CASE("what is missing or given twice concerns the block, not one option") {
  Options o = usable();
  o.tenant_id.clear();
  CHECK(validate(o)->option == DEFENDER_OPTION_COUNT);
  o = usable();
  o.client_secret = "x";
  CHECK(validate(o)->option == DEFENDER_OPTION_COUNT);
}

TEST_CASE("region() belongs to the regional APIs of the global cloud, and each API knows its regions") {
  Options o = usable();
  o.region = "eu";
  CHECK(validate(o)->option == DEFENDER_OPTION_REGION);
  CHECK(validate(o)->message == "region() applies to api(alerts) and api(siem); Microsoft Graph has no regional hosts");
  o.api = Api::alerts;
  CHECK_FALSE(validate(o));
  o.region = "swa";
  CHECK_FALSE(validate(o));
  o.api = Api::siem;
  CHECK(validate(o)->message == "unknown region(swa) for api(siem); use us, eu or uk");
  o.region = "uk";
  CHECK_FALSE(validate(o));
  o.cloud = Cloud::gcc_high;
  CHECK(validate(o)->message == "region() applies to cloud(global); cloud(gcc-high) has one host for api(siem)");
  o.cloud = Cloud::global;
  o.api_url = "https://127.0.0.1:8443";
  CHECK(validate(o)->message == "region() and api-url() both choose the API host; keep one");
}

TEST_CASE("region() is a word, taken in lower case") {
  Options o;
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_REGION, "EU"));
  CHECK(o.region == "eu");
  CHECK(*set_string_option(o, DEFENDER_OPTION_REGION, "eu-west") ==
        "region(eu-west) must be a region code such as us, eu or uk");
}

TEST_CASE("filter() is for the OData APIs, machine-groups() for the SIEM API, expand-evidence() for the alerts API") {
  Options o = usable();
  o.api = Api::siem;
  o.filter = "severity eq 'high'";
  CHECK(validate(o)->option == DEFENDER_OPTION_FILTER);
  CHECK(validate(o)->message.rfind("filter() applies to api(graph) and api(alerts)", 0) == 0);
  o.filter.clear();
  o.machine_groups = {"UK"};
  CHECK_FALSE(validate(o));
  o.api = Api::graph;
  CHECK(validate(o)->option == DEFENDER_OPTION_MACHINE_GROUPS);
  CHECK(validate(o)->message == "machine-groups() applies to api(siem); with api(graph) use filter() instead");
  o.machine_groups.clear();
  o.expand_evidence = false;
  CHECK(validate(o)->option == DEFENDER_OPTION_EXPAND_EVIDENCE);
  o.api = Api::alerts;
  CHECK_FALSE(validate(o));
}

TEST_CASE("machine-groups() adds a group each time") {
  Options o;
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_MACHINE_GROUPS, "UKMachines"));
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_MACHINE_GROUPS, "France Machines"));
  CHECK(o.machine_groups == std::vector<std::string>{"UKMachines", "France Machines"});
  CHECK(*set_string_option(o, DEFENDER_OPTION_MACHINE_GROUPS, "") == "machine-groups() must not be empty");
}

TEST_CASE("client-assertion-algorithm() is ps256 (the default) or rs256") {
  Options o;
  CHECK(o.assertion_algorithm == AssertionAlgorithm::ps256);
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_CLIENT_ASSERTION_ALGORITHM, "RS256"));
  CHECK(o.assertion_algorithm == AssertionAlgorithm::rs256);
  CHECK(*set_string_option(o, DEFENDER_OPTION_CLIENT_ASSERTION_ALGORITHM, "es256") ==
        "unknown client-assertion-algorithm(es256); use ps256 (Entra's current form) or rs256");
}

TEST_CASE("token-version() is 1 or 2") {
  Options o;
  CHECK_FALSE(set_number_option(o, DEFENDER_OPTION_TOKEN_VERSION, 1));
  CHECK(o.token_version == TokenVersion::v1);
  CHECK(*set_number_option(o, DEFENDER_OPTION_TOKEN_VERSION, 3) ==
        "token-version(3) must be 1 (resource=) or 2 (scope=<audience>/.default)");
}

TEST_CASE("a file option names the file that cannot be read") {
  Options o;
  CHECK(*set_string_option(o, DEFENDER_OPTION_CLIENT_CERTIFICATE, "/nonexistent/app.pem") ==
        "client-certificate(\"/nonexistent/app.pem\") cannot be read: No such file or directory");
  CHECK(*set_string_option(o, DEFENDER_OPTION_CA_DIR, "/etc/hostname") ==
        "ca-dir(\"/etc/hostname\") is not a directory");
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_CA_DIR, "/etc/ssl/certs"));
  CHECK(o.transport.ca_dir == "/etc/ssl/certs");
}

TEST_CASE("proxy() takes http, https and socks URLs, and never repeats a password in its message") {
  Options o;
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_PROXY, "http://user:s3cret@proxy.example.com:3128"));
  CHECK(o.transport.proxy == "http://user:s3cret@proxy.example.com:3128");
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_PROXY, "socks5h://127.0.0.1:1080"));
  CHECK(*set_string_option(o, DEFENDER_OPTION_PROXY, "proxy.example.com:3128 user:s3cret") ==
        "proxy() must be a URL such as http://proxy.example.com:3128 or http://user:password@proxy.example.com:3128 "
        "(schemes http, https, socks5, socks5h)");
}

TEST_CASE("timeout() is between a second and an hour; user-agent() is one clean line") {
  Options o;
  CHECK(o.transport.timeout_seconds == 30);
  CHECK_FALSE(set_number_option(o, DEFENDER_OPTION_TIMEOUT, 120));
  CHECK(o.transport.timeout_seconds == 120);
  CHECK(*set_number_option(o, DEFENDER_OPTION_TIMEOUT, 0) == "timeout(0) must be between 1 and 3600 seconds");
  CHECK(o.transport.user_agent == "MdePartner-SyslogNG-DefenderSource/" DEFENDER_VERSION);
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_USER_AGENT, "MdePartner-Contoso-Collector/2.1"));
  CHECK(o.transport.user_agent == "MdePartner-Contoso-Collector/2.1");
  CHECK(*set_string_option(o, DEFENDER_OPTION_USER_AGENT, "a\r\nX-Injected: 1") ==
        "user-agent() must not contain control characters");
}

TEST_CASE("the request budget defaults to each API's documented limits and can be changed or lifted") {
  Options o = usable();
  CHECK(effective_budget(o).per_minute == 150);
  CHECK(effective_budget(o).per_hour == 0);
  o.api = Api::alerts;
  CHECK(effective_budget(o).per_minute == 100);
  CHECK(effective_budget(o).per_hour == 1500);
  o.api = Api::siem;
  CHECK(effective_budget(o).per_minute == 60);
  CHECK(effective_budget(o).per_hour == 1500);
  CHECK_FALSE(set_number_option(o, DEFENDER_OPTION_REQUESTS_PER_MINUTE, 10));
  CHECK_FALSE(set_number_option(o, DEFENDER_OPTION_REQUESTS_PER_HOUR, 0));
  CHECK(effective_budget(o).per_minute == 10);
  CHECK(effective_budget(o).per_hour == 0);
  CHECK(*set_number_option(o, DEFENDER_OPTION_REQUESTS_PER_MINUTE, -1) ==
        "requests-per-minute(-1) must be between 0 (no limit) and 10000 requests");
}

TEST_CASE("emit-updates() defaults to yes") {
  Options o;
  CHECK(o.emit_updates);
  CHECK_FALSE(set_bool_option(o, DEFENDER_OPTION_EMIT_UPDATES, false));
  CHECK_FALSE(o.emit_updates);
  CHECK(*set_bool_option(o, DEFENDER_OPTION_TENANT_ID, true) == "tenant-id() does not take yes or no");
}

TEST_CASE("format() knows LEEF 1.0 and LEEF 2.0") {
  Options o;
  CHECK_FALSE(set_format(o, "leef"));
  CHECK(o.format.format == Format::leef);
  CHECK_FALSE(set_format(o, "LEEF2"));
  CHECK(o.format.format == Format::leef2);
}

TEST_CASE("leef-delimiter() takes one character or its hex code") {
  Options o;
  CHECK_FALSE(set_leef_delimiter(o, "^"));
  CHECK(o.format.leef_delimiter == '^');
  CHECK_FALSE(set_leef_delimiter(o, "x09"));
  CHECK(o.format.leef_delimiter == '\t');
  CHECK(set_leef_delimiter(o, "0x7C"));
  CHECK_FALSE(set_leef_delimiter(o, "0x3b"));
  CHECK(o.format.leef_delimiter == ';');
  CHECK_FALSE(set_leef_delimiter(o, "\t"));
  CHECK(o.format.leef_delimiter == '\t');
}

TEST_CASE("leef-delimiter() refuses what would split a key, a value or the header") {
  Options o;
  for (const char *bad : {"a", "7", " ", "=", "|", "x0d", "x0a", "x00", "^^", "x", "xZZ", ""}) {
    CAPTURE(bad);
    CHECK(set_leef_delimiter(o, bad)->rfind("leef-delimiter(\"", 0) == 0);
  }
}

TEST_CASE("leef-delimiter() with a format other than leef2 is a contradiction that names it") {
  Options o = usable();
  CHECK_FALSE(set_leef_delimiter(o, "^"));
  const auto problem = validate(o);
  REQUIRE(problem);
  CHECK(problem->option == DEFENDER_OPTION_LEEF_DELIMITER);
  CHECK(problem->message ==
        "leef-delimiter() applies to format(leef2) only; LEEF 1.0 always separates attributes with TAB");
  CHECK_FALSE(set_format(o, "leef2"));
  CHECK_FALSE(validate(o));
}

TEST_CASE("max-response-size() defaults to 64 MiB and takes 64 KiB to 1 GiB") {
  Options o;
  CHECK(o.max_response_bytes == 64 * 1024 * 1024);
  CHECK_FALSE(set_number_option(o, DEFENDER_OPTION_MAX_RESPONSE_SIZE, 65536));
  CHECK(o.max_response_bytes == 65536);
  CHECK_FALSE(set_number_option(o, DEFENDER_OPTION_MAX_RESPONSE_SIZE, 1073741824));
  CHECK(o.max_response_bytes == 1073741824);
  CHECK(*set_number_option(o, DEFENDER_OPTION_MAX_RESPONSE_SIZE, 65535) ==
        "max-response-size(65535) must be between 65536 (64 KiB) and 1073741824 (1 GiB) bytes");
  CHECK(*set_number_option(o, DEFENDER_OPTION_MAX_RESPONSE_SIZE, 1073741825) ==
        "max-response-size(1073741825) must be between 65536 (64 KiB) and 1073741824 (1 GiB) bytes");
}

TEST_CASE("every number option is range-checked, and a value outside names the option, the value and the range") {
  struct Case {
    DefenderOption option;
    int64_t below, lowest, highest, above;
    std::string message;
  };
  const Case cases[] = {
      {DEFENDER_OPTION_POLL_INTERVAL, 0, 1, 86400, 86401, "must be between 1 and 86400 seconds"},
      {DEFENDER_OPTION_PAGE_SIZE, 0, 1, 10000, 10001, "must be between 1 and 10000 alerts"},
      {DEFENDER_OPTION_INITIAL_LOOKBACK, -1, 0, 15552000, 15552001,
       "must be between 0 and 15552000 (180 days) seconds"},
      {DEFENDER_OPTION_LATE_ARRIVAL, -1, 0, 86400, 86401, "must be between 0 and 86400 seconds"},
      {DEFENDER_OPTION_TIMEOUT, 0, 1, 3600, 3601, "must be between 1 and 3600 seconds"},
      {DEFENDER_OPTION_REQUESTS_PER_MINUTE, -1, 0, 10000, 10001, "must be between 0 (no limit) and 10000 requests"},
      {DEFENDER_OPTION_REQUESTS_PER_HOUR, -1, 0, 600000, 600001, "must be between 0 (no limit) and 600000 requests"},
      {DEFENDER_OPTION_MAX_RESPONSE_SIZE, 65535, 65536, 1073741824, 1073741825,
       "must be between 65536 (64 KiB) and 1073741824 (1 GiB) bytes"},
  };
  for (const Case &c : cases) {
    const std::string name = defender_option_name(c.option);
    CAPTURE(name);
    Options o;
    CHECK_FALSE(set_number_option(o, c.option, c.lowest));
    CHECK_FALSE(set_number_option(o, c.option, c.highest));
    CHECK(set_number_option(o, c.option, c.below) == name + "(" + std::to_string(c.below) + ") " + c.message);
    CHECK(set_number_option(o, c.option, c.above) == name + "(" + std::to_string(c.above) + ") " + c.message);
    CHECK(set_number_option(o, c.option, INT64_MIN) == name + "(" + std::to_string(INT64_MIN) + ") " + c.message);
  }
}

TEST_CASE("each number option but token-version() has a range") {
  for (int i = 0; i < DEFENDER_OPTION_COUNT; ++i) {
    const auto option = static_cast<DefenderOption>(i);
    CAPTURE(defender_option_name(option));
    const bool ranged = option_kind(option) == OptionKind::number && option != DEFENDER_OPTION_TOKEN_VERSION;
    CHECK(number_range(option).has_value() == ranged);
  }
}
