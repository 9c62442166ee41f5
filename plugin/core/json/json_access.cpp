#include "json/json_access.h"

#include <algorithm>

namespace defender::json {
namespace {

constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view view(const rapidjson::Value &string) { return {string.GetString(), string.GetStringLength()}; }

}  // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

const rapidjson::Value *member(const rapidjson::Value &object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  const auto it = object.FindMember(rapidjson::StringRef(name.data(), name.size()));
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

const rapidjson::Value *member_ignoring_case(const rapidjson::Value &object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  // Indexed: comparing RapidJSON's member iterators is ambiguous in C++20.
  for (rapidjson::SizeType i = 0; i < object.MemberCount(); ++i) {
    const auto &m = object.MemberBegin()[i];
    if (equal_ignoring_case(view(m.name), name)) return m.value.IsNull() ? nullptr : &m.value;
  }
  return nullptr;
}

std::string text(const rapidjson::Value *v) {
  if (!v) return {};
  if (v->IsString()) return std::string(view(*v));
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  if (v->IsBool()) return v->GetBool() ? "true" : "false";
  if (v->IsDouble()) return std::to_string(v->GetDouble());
  return {};
}

std::string text(const rapidjson::Value &object, std::string_view name) { return text(member(object, name)); }

std::optional<Instant> instant(const rapidjson::Value *v) {
  if (!v || !v->IsString()) return std::nullopt;
  return parse_instant(view(*v));
}

std::optional<Instant> instant(const rapidjson::Value &object, std::string_view name) {
  return instant(member(object, name));
}

std::optional<bool> boolean(const rapidjson::Value *v) {
  if (!v) return std::nullopt;
  if (v->IsBool()) return v->GetBool();
  if (!v->IsString()) return std::nullopt;
  if (equal_ignoring_case(view(*v), "true")) return true;
  if (equal_ignoring_case(view(*v), "false")) return false;
  return std::nullopt;
}

std::vector<std::string> strings(const rapidjson::Value &object, std::string_view name) {
  std::vector<std::string> out;
  const rapidjson::Value *v = member(object, name);
  if (!v || !v->IsArray()) return out;
  for (const auto &item : v->GetArray()) {
    std::string s = text(&item);
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
  if (equal_ignoring_case(name, "informational")) return Severity::informational;
  if (equal_ignoring_case(name, "low")) return Severity::low;
  if (equal_ignoring_case(name, "medium")) return Severity::medium;
  if (equal_ignoring_case(name, "high")) return Severity::high;
  return Severity::unknown;
}

}  // namespace defender::json
