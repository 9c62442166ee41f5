// Splitting a response into alerts without trusting all of it.
#include <doctest/doctest.h>

#include "apis/page_scanner.h"

using namespace defender;

namespace {

constexpr size_t any_page = 1000;  // more alerts than any page here holds

}  // namespace

TEST_CASE("an OData envelope gives its alerts and its unescaped next link") {
  const auto page =
      scan_page(R"({"@odata.context":"x","value":[{"id":"a"},{"id":"b","n":[1,{"x":"]"}]}],)"
                R"("@odata.nextLink":"https:\/\/graph.microsoft.com\/v1.0\/security\/alerts_v2?$skiptoken=A\u0026b"})",
                any_page);
  CHECK(page.complete);
  REQUIRE(page.items.size() == 2);
  CHECK(page.items[0] == R"({"id":"a"})");
  CHECK(page.items[1] == R"({"id":"b","n":[1,{"x":"]"}]})");
  CHECK(page.next_link == "https://graph.microsoft.com/v1.0/security/alerts_v2?$skiptoken=A&b");
}

TEST_CASE("a bare array, as the SIEM API answers, gives its elements") {
  const auto page = scan_page(" [ {\"AlertId\":\"1\"} , {\"AlertId\":\"2\"} ] \n", any_page);
  CHECK(page.complete);
  CHECK(page.items.size() == 2);
  CHECK(page.next_link.empty());
}

TEST_CASE("an empty value array is a complete page with no alerts") {
  const auto page = scan_page(R"({"value":[]})", any_page);
  CHECK(page.complete);
  CHECK(page.items.empty());
}

TEST_CASE("a page of as many alerts as the cap is complete") {
  const auto page = scan_page(R"({"value":[{"id":"a"},{"id":"b"},{"id":"c"}]})", 3);
  CHECK(page.complete);
  CHECK(page.items.size() == 3);
}

TEST_CASE("an alert beyond the cap makes the page incomplete, and only the cap's worth of alerts is kept") {
  const auto page = scan_page(R"({"value":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}],"@odata.nextLink":"x"})", 3);
  CHECK_FALSE(page.complete);
  CHECK(page.error == "the page holds more than 3 alerts");
  REQUIRE(page.items.size() == 3);
  CHECK(page.items[2] == R"({"id":"c"})");
  CHECK(page.next_link.empty());
}

TEST_CASE("a bare array beyond the cap is incomplete as well") {
  const auto page = scan_page("[1,2,3]", 2);
  CHECK_FALSE(page.complete);
  CHECK(page.error == "the page holds more than 2 alerts");
  CHECK(page.items.size() == 2);
}

TEST_CASE("four million items of two bytes each cost no more views than the cap") {
  std::string body = R"({"value":[0)";
  for (int i = 1; i < 4'000'000; ++i) body += ",0";
  body += "]}";
  const auto page = scan_page(body, 2016);
  CHECK_FALSE(page.complete);
  CHECK(page.items.size() == 2016);
  // Without the cap the views would take 64 MB, eight times the body.
  CHECK(page.items.capacity() < 2 * 2016);
}

TEST_CASE("a body cut off inside an alert keeps the alerts before it") {
  const auto page = scan_page(R"({"value":[{"id":"a"},{"id":"b"},{"id":"c","title":"unfin)", any_page);
  CHECK_FALSE(page.complete);
  CHECK(page.items.size() == 2);
  CHECK(page.error == "the body ends inside alert 3");
}

TEST_CASE("quotes and brackets inside strings do not confuse the scanner") {
  const auto page = scan_page(R"({"value":[{"t":"a \"quoted\" } ] { [ text","u":"\\"}]})", any_page);
  CHECK(page.complete);
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0] == R"({"t":"a \"quoted\" } ] { [ text","u":"\\"})");
}

TEST_CASE("a response without a value array is malformed") {
  const auto page = scan_page(R"({"error":{"code":"x"}})", any_page);
  CHECK_FALSE(page.complete);
  CHECK(page.error == "the response has no \"value\" array");
}

TEST_CASE("text that is not JSON at all is malformed with nothing in it") {
  CHECK_FALSE(scan_page("<html>502 Bad Gateway</html>", any_page).complete);
  CHECK(scan_page("", any_page).error == "the body is empty");
}

TEST_CASE("an alert already on one line of valid UTF-8 is copied as it is, spaces between tokens included") {
  std::string out;
  one_line_json("{ \"a\" : [ 1 , 2 ], \"b\" : \"r\xC3\xA4k\" }", out);
  CHECK(out == "{ \"a\" : [ 1 , 2 ], \"b\" : \"r\xC3\xA4k\" }");
}

TEST_CASE("a pretty-printed alert loses the whitespace outside strings only") {
  std::string out;
  one_line_json("{\n  \"a\" : [ 1 , 2 ],\n  \"b\" : \"x  y\\\" z\"\n}", out);
  CHECK(out == R"({"a":[1,2],"b":"x  y\" z"})");
}

TEST_CASE("bytes that are not UTF-8 are repaired and real UTF-8 is kept") {
  std::string out;
  one_line_json("{\"a\":\"r\xC3\xA4k \xFF end\",\"b\":\"\xE5\x8F\xB0\"}", out);
  CHECK(out == "{\"a\":\"r\xC3\xA4k \xEF\xBF\xBD end\",\"b\":\"\xE5\x8F\xB0\"}");
}

TEST_CASE("a string ends at the first quote not escaped by an odd number of backslashes") {
  const auto page = scan_page(R"({"value":[{"a":"x\\"},{"b":"y\\\"z"},{"c":"\\\\"}]})", any_page);
  CHECK(page.complete);
  REQUIRE(page.items.size() == 3);
  CHECK(page.items[0] == R"({"a":"x\\"})");
  CHECK(page.items[1] == R"({"b":"y\\\"z"})");
  CHECK(page.items[2] == R"({"c":"\\\\"})");
}

TEST_CASE("compacting keeps escapes and writes a raw control character inside a string as its escape") {
  std::string out;
  one_line_json("{ \"a\" : \"x\\\\\" ,\n \"b\" : \"tab\there\" }", out);
  CHECK(out == R"({"a":"x\\","b":"tab\u0009here"})");
}

TEST_CASE("a TAB between tokens is white space that compacting leaves out") {
  std::string out;
  one_line_json("{\"a\":\t1,\t\"b\":\"c\"}", out);
  CHECK(out == R"({"a":1,"b":"c"})");
}

TEST_CASE("NUL, DEL, C1 controls and U+2028 inside strings become escapes, so the line stays one line") {
  using namespace std::string_literals;
  std::string out;
  one_line_json("{\"a\":\"n\0d\x7f c\xC2\x85 l\xE2\x80\xA8\"}"s, out);
  CHECK(out == R"({"a":"n\u0000d\u007f c\u0085 l\u2028"})");
}

TEST_CASE("an escaped surrogate that is not half of a pair becomes \\ufffd; a pair is kept") {
  std::string out;
  one_line_json(R"({"a":"\ud83d\udd25","b":"\ud800x","c":"\udc00","d":"\uD800\u0041"})", out);
  CHECK(out == R"({"a":"\ud83d\udd25","b":"\ufffdx","c":"\ufffd","d":"\ufffd\u0041"})");
}

TEST_CASE("an escape JSON does not define loses its backslash; a line break after it becomes an escape") {
  std::string out;
  one_line_json("{\"a\":\"x\\q\\\ny\\u12\"}", out);
  CHECK(out == R"({"a":"xq\u000ay\ufffd12"})");
}

TEST_CASE("a backslash before a quote inside a string is an escape, not the string's end") {
  std::string out;
  one_line_json("{\"a\":\"\\\"\t\"}", out);
  CHECK(out == R"({"a":"\"\u0009"})");
}

TEST_CASE("a next link that is not a string is no link, however deep it nests") {
  const auto page = scan_page(
      R"({"value":[],"@odata.nextLink":)" + std::string(100'000, '[') + std::string(100'000, ']') + "}", any_page);
  CHECK(page.complete);
  CHECK(page.next_link.empty());
}
