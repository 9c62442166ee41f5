#include "json_access.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace defender::json {

const rapidjson::Value *member(const rapidjson::Value &object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  const auto it = object.FindMember(rapidjson::StringRef(name.data(), name.size()));
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

namespace {

std::string scalar_text(const rapidjson::Value &v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsUint64()) return std::to_string(v.GetUint64());
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsDouble()) {
    std::string s = std::to_string(v.GetDouble());
    return s;
  }
  return {};
}

}  // namespace

std::string text(const rapidjson::Value &object, std::string_view name) {
  const rapidjson::Value *v = member(object, name);
  return v ? scalar_text(*v) : std::string();
}

std::optional<Instant> instant(const rapidjson::Value &object, std::string_view name) {
  const rapidjson::Value *v = member(object, name);
  if (!v || !v->IsString()) return std::nullopt;
  return parse_instant(std::string_view(v->GetString(), v->GetStringLength()));
}

std::vector<std::string> strings(const rapidjson::Value &object, std::string_view name) {
  std::vector<std::string> out;
  const rapidjson::Value *v = member(object, name);
  if (!v || !v->IsArray()) return out;
  for (const auto &item : v->GetArray()) {
    std::string s = scalar_text(item);
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::string joined(const rapidjson::Value &object, std::string_view name) {
  std::string out;
  for (const auto &s : strings(object, name)) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

Severity severity_from(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "informational") return Severity::informational;
  if (lower == "low") return Severity::low;
  if (lower == "medium") return Severity::medium;
  if (lower == "high") return Severity::high;
  return Severity::unknown;
}

}  // namespace defender::json
