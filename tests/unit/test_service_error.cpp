// Error bodies reduced to code, message and correlation id, with advice for a person.
#include <doctest/doctest.h>

#include "failures/service_error.h"

using namespace defender;

TEST_CASE("an Entra error gives its AADSTS code, the first line of its description and its correlation id") {
  const auto e = parse_entra_error(
      R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: x",)"
      R"("error_codes":[7000215],"timestamp":"x","trace_id":"t","correlation_id":"aaaa0000-bb11"})");
  CHECK(e.code == "AADSTS7000215");
  CHECK(e.message == "Invalid client secret provided.");
  CHECK(e.correlation_id == "aaaa0000-bb11");
  CHECK(describe(e) == "AADSTS7000215: Invalid client secret provided. (correlation id aaaa0000-bb11)");
}

TEST_CASE("an Entra error without AADSTS in its description takes the code from error_codes") {
  const auto e = parse_entra_error(R"({"error":"invalid_request","error_description":"odd","error_codes":[90002]})");
  CHECK(e.code == "AADSTS90002");
  CHECK(e.message == "odd");
}

TEST_CASE("a Graph error gives its code, message and request id") {
  const auto e = parse_api_error(
      R"({"error":{"code":"Forbidden","message":"Missing role permissions","innerError":{"date":"d","request-id":"r-1","client-request-id":"c"}}})");
  CHECK(e.code == "Forbidden");
  CHECK(e.message == "Missing role permissions");
  CHECK(e.correlation_id == "r-1");
}

TEST_CASE("a Defender for Endpoint error gives its code, message and target as the correlation id") {
  const auto e =
      parse_api_error(R"({"error":{"code":"ResourceNotFound","message":"Machine 1 was not found","target":"43f4"}})");
  CHECK(e.code == "ResourceNotFound");
  CHECK(e.correlation_id == "43f4");
}

TEST_CASE("a body that is not an error object gives nothing but does not fail") {
  CHECK(parse_api_error("<html>").code.empty());
  CHECK(parse_entra_error("").code.empty());
  CHECK(describe(ServiceError{}) == "no error code");
}

TEST_CASE("the common token errors come with advice, unknown codes without") {
  CHECK(advice_for_entra_code("AADSTS7000215").find("client-secret-file()") != std::string_view::npos);
  CHECK(advice_for_entra_code("AADSTS90002").find("tenant-id()") != std::string_view::npos);
  CHECK(advice_for_entra_code("AADSTS1").empty());
}

TEST_CASE("an error body nested 100,000 levels deep gives nothing and does not overflow the stack") {
  const std::string bomb = R"({"error":)" + std::string(100'000, '[') + std::string(100'000, ']') + "}";
  CHECK(parse_api_error(bomb).code.empty());
  CHECK(parse_entra_error(bomb).code.empty());
}
