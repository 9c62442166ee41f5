// The bearer token goes to the API's origin only: a next link elsewhere is not followed, and paging goes on by $skip.
#include <doctest/doctest.h>

#include "apis/alert_api.h"
#include "apis/next_link.h"
#include "apis/window_reader.h"
#include "transport/http_client.h"
#include "transport/url_origin.h"

using namespace defender;

namespace {

const std::string graph = "https://graph.microsoft.com:443";

}  // namespace

TEST_CASE("an origin is scheme, host and port in lower case, with the default port spelled out") {
  CHECK(origin_of("https://Graph.Microsoft.COM/v1.0/security/alerts_v2?$skiptoken=a") == graph);
  CHECK(origin_of("https://graph.microsoft.com:443/x") == graph);
  CHECK(origin_of("HTTP://127.0.0.1:8080/api/alerts") == "http://127.0.0.1:8080");
  CHECK(origin_of("https://[::1]:8443/x") == "https://[::1]:8443");
}

TEST_CASE("the host is where libcurl connects, whatever the text before it pretends") {
  CHECK(origin_of("https:/evil.example/x") == "https://evil.example:443");
  CHECK(origin_of("https://graph.microsoft.com#@evil.example") == graph);
  CHECK(origin_of("https://graph.microsoft.com./x") == "https://graph.microsoft.com.:443");
}

TEST_CASE("a URL with a user, a control character or a space, another scheme, or no host has no origin") {
  CHECK(origin_of("https://graph.microsoft.com\\@evil.example/").empty());
  CHECK(origin_of("https://evil.example%2f@graph.microsoft.com/").empty());
  CHECK(origin_of("https://graph.microsoft.com/x\r\nHost: evil").empty());
  CHECK(origin_of("https://graph.microsoft.com/a b").empty());
  CHECK(origin_of("ftp://graph.microsoft.com/").empty());
  CHECK(origin_of("/v1.0/security/alerts_v2?$skiptoken=a").empty());
  CHECK(origin_of("https://127.0.0.1:70000/").empty());
}

TEST_CASE("a next link to the API's own origin is followed as given") {
  const NextLink next = check_next_link("https://graph.microsoft.com/v1.0/security/alerts_v2?$skiptoken=a", graph);
  CHECK(next.follow == "https://graph.microsoft.com/v1.0/security/alerts_v2?$skiptoken=a");
  CHECK_FALSE(next.refusal);
}

TEST_CASE("no next link is nothing to follow and nothing to refuse") {
  const NextLink next = check_next_link("", graph);
  CHECK(next.follow.empty());
  CHECK_FALSE(next.refusal);
}

TEST_CASE("a next link to another origin is refused naming both origins") {
  const NextLink next = check_next_link("https://graph.microsoft.com.evil.example/v1.0/x?$skiptoken=a", graph);
  CHECK(next.follow.empty());
  CHECK(next.refusal ==
        "the API's @odata.nextLink leads to https://graph.microsoft.com.evil.example:443, not to the API's "
        "origin https://graph.microsoft.com:443: it is not followed, since the request would carry the token, and the "
        "source pages on by its own query. Nothing needs doing; if the API really moved there, check api-url()");
}

TEST_CASE("a next link on another port or scheme of the same host is another origin") {
  CHECK(check_next_link("https://graph.microsoft.com:8443/x", graph).refusal);
  CHECK(check_next_link("http://graph.microsoft.com/x", graph).refusal);
}

TEST_CASE("a next link that carries a user name is refused as having no usable origin") {
  const NextLink next = check_next_link("https://graph.microsoft.com@evil.example/x", graph);
  CHECK(next.follow.empty());
  CHECK(next.refusal->rfind("the API's @odata.nextLink leads to no usable origin (not an http(s) URL, or it "
                            "carries a user name), not to the API's origin https://graph.microsoft.com:443",
                            0) == 0);
}

TEST_CASE("inside a tie, a refused next link leaves the reader paging the instant by $skip") {
  Options options;
  options.tenant_id = "contoso.onmicrosoft.com";
  const Endpoints endpoints = endpoints_for(options);
  const auto api = make_alert_api(options, endpoints);
  HttpClient http(TransportOptions{});
  const Instant t = *parse_instant("2027-01-15T08:00:00Z");
  WindowReader reader(t, t.plus_seconds(60), 2);
  PageSummary tie;
  tie.served = 2;
  tie.times = {t, t};
  tie.new_versions = 2;
  reader.on_page(tie);
  REQUIRE(reader.request().single_instant);

  const NextLink next =
      check_next_link("https://evil.example/v1.0/security/alerts_v2?$skiptoken=x", origin_of(endpoints.alerts_url));
  REQUIRE(next.refusal);
  tie.more = true;
  tie.next_link = next.follow;
  reader.on_page(tie);
  CHECK(reader.request().next_link.empty());
  CHECK(reader.request().skip == 2);
  const std::string url = api->page_url(reader.request(), http);
  CHECK(url.rfind("https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20eq%20", 0) == 0);
  CHECK(url.find("&$top=2&$skip=2&") != std::string::npos);
}
