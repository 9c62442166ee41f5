#include "failures/service_error.h"

#include <rapidjson/document.h>

#include <utility>

#include "json/bounded_json.h"

namespace defender {
namespace {

std::string string_member(const rapidjson::Value &object, const char *name) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string first_line(std::string text) {
  const size_t end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  return text;
}

}  // namespace

ServiceError parse_entra_error(std::string_view body) {
  rapidjson::Document doc;
  if (!parse_bounded(doc, body, small_body_json_caps).empty() || !doc.IsObject()) return {};
  ServiceError error;
  error.message = first_line(string_member(doc, "error_description"));
  error.correlation_id = string_member(doc, "correlation_id");
  // The description starts with "AADSTS<n>: "; error_codes carries the same number.
  if (error.message.rfind("AADSTS", 0) == 0) {
    const size_t colon = error.message.find(':');
    error.code = error.message.substr(0, colon);
    if (colon != std::string::npos) {
      error.message.erase(0, colon + 1);
      while (!error.message.empty() && error.message.front() == ' ') error.message.erase(0, 1);
    }
  } else if (const auto codes = doc.FindMember("error_codes");
             codes != doc.MemberEnd() && codes->value.IsArray() && !codes->value.Empty() && codes->value[0].IsInt64()) {
    error.code = "AADSTS" + std::to_string(codes->value[0].GetInt64());
  } else {
    error.code = string_member(doc, "error");
  }
  return error;
}

ServiceError parse_api_error(std::string_view body) {
  rapidjson::Document doc;
  if (!parse_bounded(doc, body, small_body_json_caps).empty() || !doc.IsObject()) return {};
  const auto it = doc.FindMember("error");
  if (it == doc.MemberEnd() || !it->value.IsObject()) return {};
  const rapidjson::Value &e = it->value;
  ServiceError error{string_member(e, "code"), first_line(string_member(e, "message")), string_member(e, "target")};
  if (const auto inner = e.FindMember("innerError"); inner != e.MemberEnd())
    error.correlation_id = string_member(inner->value, "request-id");
  return error;
}

std::string_view advice_for_entra_code(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> advice[] = {
      {"AADSTS7000215",
       "the client secret is wrong: put the secret's Value (not its Secret ID) into client-secret-file()"},
      {"AADSTS7000222",
       "the client secret has expired: create a new one under Certificates & secrets and update client-secret-file()"},
      {"AADSTS7000218", "no credential was sent: set client-secret-file(), client-secret() or client-certificate()"},
      {"AADSTS7000112", "the application is disabled in this tenant: enable it under Enterprise applications"},
      {"AADSTS700016",
       "no application with this client-id() exists in this tenant: check client-id() and tenant-id(), and that an "
       "admin consented to the app"},
      {"AADSTS90002",
       "the tenant was not found: check tenant-id(), and that login-url() is the cloud the tenant lives in"},
      {"AADSTS900023", "tenant-id() is neither a GUID nor a domain of the tenant"},
      {"AADSTS90038", "the tenant belongs to another national cloud: set cloud() or login-url() for it"},
      {"AADSTS9001023",
       "app-only tokens need the tenant itself: set tenant-id() to its GUID or domain, not common or organizations"},
      {"AADSTS90124",
       "app-only tokens need the tenant itself: set tenant-id() to its GUID or domain, not common or organizations"},
      {"AADSTS90130",
       "app-only tokens need the tenant itself: set tenant-id() to its GUID or domain, not common or organizations"},
      {"AADSTS70011", "the requested scope is not valid for this API: remove audience() or correct it"},
      {"AADSTS700022", "the scope names more than one resource: correct audience()"},
      {"AADSTS901002", "the v2 token endpoint takes a scope, not a resource: remove token-version(2) for this API"},
      {"AADSTS500011",
       "the API of the token's audience is not present in the tenant: grant the app that API's permission with an "
       "admin consent, or correct audience()"},
      {"AADSTS53003",
       "a Conditional Access policy blocks this application: exclude the workload identity or adjust the policy"},
      {"AADSTS50196",
       "Entra ID saw a loop of token requests; the module caches tokens, so check for several sources sharing one app"},
      {"AADSTS90055", "Entra ID is throttling this tenant's token requests; the module retries later"},
      {"AADSTS90024", "Entra ID is short of capacity for this request; the module retries later"},
      {"AADSTS700027",
       "the client assertion's signature is not valid: upload this certificate (client-certificate()) to the app "
       "registration"},
      {"AADSTS50012", "authentication failed: check that the certificate or secret is registered for the app"},
      {"AADSTS700024", "the client assertion is outside its time range: check this machine's clock (NTP)"},
      {"AADSTS50027",
       "the client assertion is not a valid token for this app: check this machine's clock, client-id() and "
       "client-certificate()"},
      {"AADSTS50048", "the assertion's subject is not its issuer: client-id() must be the application (client) ID"},
  };
  for (const auto &[c, text] : advice)
    if (c == code) return text;
  return {};
}

std::string describe(const ServiceError &error) {
  std::string text = error.code.empty() ? std::string("no error code") : error.code;
  if (!error.message.empty()) text += ": " + error.message;
  if (!error.correlation_id.empty()) text += " (correlation id " + error.correlation_id + ")";
  return text;
}

}  // namespace defender
