// The error bodies of Entra ID and of the alert APIs, reduced to what a person needs in the log.
#pragma once

#include <string>
#include <string_view>

namespace defender {

struct ServiceError {
  std::string code;            // "AADSTS7000215", "invalid_client", "Forbidden", "InvalidAuthenticationToken"
  std::string message;         // the service's own explanation, first line only
  std::string correlation_id;  // what Microsoft support asks for
};

// {"error":"invalid_client","error_description":"AADSTS7000215: ...\r\nTrace ID: ...","error_codes":[...],
//  "correlation_id":"..."}
ServiceError parse_entra_error(std::string_view body);

// {"error":{"code":"Forbidden","message":"...","innerError":{"request-id":"..."}}} (Graph) or
// {"error":{"code":"Forbidden","message":"...","target":"<correlation id>"}} (Defender for Endpoint)
ServiceError parse_api_error(std::string_view body);

// What to do about a token error, by AADSTS code; empty when there is nothing specific to say.
std::string_view advice_for_entra_code(std::string_view code);

// "code: message (correlation id ...)" with whatever parts are known.
std::string describe(const ServiceError &error);

}  // namespace defender
