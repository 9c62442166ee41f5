// What each API is asked: the exact URL of a page, the headers, the paging time; and how a window is planned.
#include <doctest/doctest.h>

#include "apis/alert_api.h"
#include "transport/http_client.h"

using namespace defender;

namespace {

Options options(Api api) {
  Options o;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  o.client_secret = "x";
  o.api = api;
  return o;
}

std::unique_ptr<AlertApi> api_for(const Options &o) { return make_alert_api(o, endpoints_for(o)); }

const Instant from = *parse_instant("2027-01-15T08:00:00Z");
const Instant until = from.plus_seconds(3600);

PageRequest window_page(int64_t top, int64_t skip = 0) {
  PageRequest r;
  r.from = from;
  r.until = until;
  r.top = top;
  r.skip = skip;
  return r;
}

std::string decoded(const std::string &url) {
  std::string out;
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size()) {
      out += static_cast<char>(std::stoi(url.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += url[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("graph: filtered and ordered on lastUpdateDateTime, datetimes unquoted with 7 digits") {
  HttpClient http(TransportOptions{});
  const auto api = api_for(options(Api::graph));
  CHECK(api->page_url(window_page(1000), http) ==
        "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%202027-01-15T08%3A00%3A00."
        "0000000Z%20and%20lastUpdateDateTime%20lt%202027-01-15T09%3A00%3A00.0000000Z&$top=1000"
        "&$orderby=lastUpdateDateTime%20asc");
  CHECK(api->request_headers() ==
        std::vector<std::string>{"Accept: application/json", "Prefer: include-unknown-enum-members"});
  CHECK(api->paging_time() == PagingTime::updated);
}

TEST_CASE("graph: filter() is ANDed in front of the time filter; a nextLink inside an instant is followed as given") {
  HttpClient http(TransportOptions{});
  Options o = options(Api::graph);
  o.filter = "serviceSource eq 'microsoftDefenderForEndpoint'";
  const auto api = api_for(o);
  CHECK(decoded(api->page_url(window_page(500, 1500), http)) ==
        "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=(serviceSource eq 'microsoftDefenderForEndpoint') "
        "and lastUpdateDateTime ge 2027-01-15T08:00:00.0000000Z and lastUpdateDateTime lt 2027-01-15T09:00:00.0000000Z"
        "&$top=500&$skip=1500&$orderby=lastUpdateDateTime asc");
  PageRequest tie = window_page(500);
  tie.single_instant = true;
  CHECK(decoded(api->page_url(tie, http)).find("and lastUpdateDateTime eq 2027-01-15T08:00:00.0000000Z&") !=
        std::string::npos);
  tie.next_link = "https://graph.microsoft.com/v1.0/security/alerts_v2?$skiptoken=abc";
  CHECK(api->page_url(tie, http) == tie.next_link);
}

TEST_CASE("graph with emit-updates(no) pages on createdDateTime") {
  HttpClient http(TransportOptions{});
  Options o = options(Api::graph);
  o.emit_updates = false;
  const auto api = api_for(o);
  CHECK(decoded(api->page_url(window_page(1000), http)) ==
        "https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=createdDateTime ge 2027-01-15T08:00:00.0000000Z "
        "and createdDateTime lt 2027-01-15T09:00:00.0000000Z&$top=1000&$orderby=createdDateTime asc");
  CHECK(api->paging_time() == PagingTime::created);
  Alert alert;
  alert.updated = until;
  CHECK_FALSE(paging_time_of(alert, PagingTime::created));
  alert.created = from;
  CHECK(paging_time_of(alert, PagingTime::created) == from);
  CHECK(paging_time_of(alert, PagingTime::updated) == until);
}

TEST_CASE("alerts: lastUpdateTime, $top up to 10,000, $expand=evidence, no $orderby and no nextLink relied on") {
  HttpClient http(TransportOptions{});
  Options o = options(Api::alerts);
  o.page_size = 10000;
  const auto api = api_for(o);
  CHECK(decoded(api->page_url(window_page(10000), http)) ==
        "https://api.security.microsoft.com/api/alerts?$filter=lastUpdateTime ge 2027-01-15T08:00:00.0000000Z and "
        "lastUpdateTime lt 2027-01-15T09:00:00.0000000Z&$top=10000&$expand=evidence");
  PageRequest tie = window_page(10000, 10000);
  tie.single_instant = true;
  tie.next_link = "https://api.security.microsoft.com/api/alerts?$skiptoken=ignored";
  CHECK(decoded(api->page_url(tie, http)) ==
        "https://api.security.microsoft.com/api/alerts?$filter=lastUpdateTime eq 2027-01-15T08:00:00.0000000Z"
        "&$top=10000&$skip=10000&$expand=evidence");
  CHECK(api->request_headers() == std::vector<std::string>{"Accept: application/json"});
}

TEST_CASE("alerts: expand-evidence(no), filter(), emit-updates(no) on alertCreationTime") {
  HttpClient http(TransportOptions{});
  Options o = options(Api::alerts);
  o.expand_evidence = false;
  o.filter = "severity eq 'High'";
  o.emit_updates = false;
  CHECK(decoded(api_for(o)->page_url(window_page(100), http)) ==
        "https://api.security.microsoft.com/api/alerts?$filter=(severity eq 'High') and alertCreationTime ge "
        "2027-01-15T08:00:00.0000000Z and alertCreationTime lt 2027-01-15T09:00:00.0000000Z&$top=100");
}

TEST_CASE("alerts: after persistent server errors the window is read without the expansion, the next one with it") {
  HttpClient http(TransportOptions{});
  const auto api = api_for(options(Api::alerts));
  const auto dropped = api->drop_optional_part();
  REQUIRE(dropped);
  CHECK(dropped->request_part == "$expand=evidence");
  CHECK(dropped->option == "expand-evidence(no)");
  CHECK(api->page_url(window_page(100), http).find("$expand") == std::string::npos);
  CHECK_FALSE(api->drop_optional_part());
  api->restore_optional_parts();
  CHECK(api->page_url(window_page(100), http).find("&$expand=evidence") != std::string::npos);
  CHECK_FALSE(api_for(options(Api::graph))->drop_optional_part());
}

TEST_CASE("alerts: a full page is split even when it happens to look sorted, since the API promises no order") {
  const auto api = api_for(options(Api::alerts));
  auto plan = api->plan_window(from, until);
  PageSummary full;
  full.served = 1000;
  for (int i = 0; i < 1000; ++i) full.times.push_back(from.plus_seconds(i));
  CHECK_FALSE(plan->on_page(full));
  CHECK(plan->request().from == from);
  CHECK(plan->request().until == from.plus_seconds(500));  // the page's median

  const auto graph = api_for(options(Api::graph));
  auto ordered = graph->plan_window(from, until);
  CHECK(ordered->on_page(full) == from.plus_seconds(999));
  CHECK(ordered->request().from == from.plus_seconds(999));
}

TEST_CASE("siem: sinceTimeUtc and untilTimeUtc as the API's example writes them, machine groups repeated, no limit") {
  HttpClient http(TransportOptions{});
  Options o = options(Api::siem);
  o.region = "eu";
  o.machine_groups = {"UK Machines", "France"};
  const auto api = api_for(o);
  auto plan = api->plan_window(Instant{from.ticks + 12'345'678}, until);
  CHECK(api->page_url(plan->request(), http) ==
        "https://wdatp-alertexporter-eu.windows.com/api/alerts?sinceTimeUtc=2027-01-15T08:00:01.234"
        "&untilTimeUtc=2027-01-15T09:00:00.000&machinegroups=UK%20Machines&machinegroups=France");
  CHECK(plan->request().top == 0);
  CHECK(api->paging_time() == PagingTime::updated);
}

TEST_CASE("siem: emit-updates(no) changes nothing, since its records never change") {
  Options o = options(Api::siem);
  o.emit_updates = false;
  CHECK(api_for(o)->paging_time() == PagingTime::updated);
}

TEST_CASE("a 403 names the permission each API needs and the admin consent") {
  CHECK(api_for(options(Api::graph))->permission_advice() ==
        "grant the app registration the Microsoft Graph application permission SecurityAlert.Read.All and an admin "
        "consent");
  CHECK(api_for(options(Api::alerts))->permission_advice() ==
        "grant the app registration the WindowsDefenderATP application permission Alert.Read.All (API permissions > "
        "APIs my organization uses > WindowsDefenderATP) and an admin consent");
  CHECK(api_for(options(Api::siem))->permission_advice().find("Enable SIEM integration") != std::string_view::npos);
}
