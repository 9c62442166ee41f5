#include "ocsf_members.h"

#include <arpa/inet.h>

#include <algorithm>
#include <string>

namespace defender {
namespace {

constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

Enum severity_of(Severity severity, std::string_view text) {
  switch (severity) {
    case Severity::informational:
      return {1, "Informational"};
    case Severity::low:
      return {2, "Low"};
    case Severity::medium:
      return {3, "Medium"};
    case Severity::high:
      return {4, "High"};
    case Severity::unknown:
      break;
  }
  // unknownFutureValue or a level newer than this module: Other, with the API's word.
  return text.empty() || same_word(text, "unknown") ? Enum{0, "Unknown"} : Enum{99, text};
}

void enum_members(JsonWriter &json, std::string_view id_name, std::string_view caption_name, const Enum &value) {
  json.member(id_name, value.id);
  json.member(caption_name, value.caption);
}

void observables(JsonWriter &json, std::span<const Observable> items) {
  if (std::none_of(items.begin(), items.end(), [](const Observable &o) { return !o.value.empty(); })) return;
  json.key("observables");
  json.begin_array();
  for (const Observable &item : items) {
    if (item.value.empty()) continue;
    json.begin_object();
    json.member("name", item.name);
    json.member("type_id", item.type_id);
    json.member("type", item.type);
    json.member("value", item.value);
    json.end_object();
  }
  json.end_array();
}

bool is_ip_address(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  const std::string address(text);
  unsigned char bytes[16];
  return inet_pton(AF_INET, address.c_str(), bytes) == 1 || inet_pton(AF_INET6, address.c_str(), bytes) == 1;
}

void fingerprint(JsonWriter &json, int64_t algorithm_id, std::string_view algorithm, std::string_view value) {
  if (value.empty()) return;
  json.begin_object();
  json.member("algorithm_id", algorithm_id);
  json.member("algorithm", algorithm);
  json.member("value", value);
  json.end_object();
}

}  // namespace defender
