#include "settings.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace sim {
namespace {

std::optional<std::string> scalar_text(const rapidjson::Value &v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (!v.IsNumber() && !v.IsBool()) return std::nullopt;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

SettingsParse from_object(const rapidjson::Value &object) {
  if (!object.IsObject()) return {std::nullopt, "expected a JSON object"};
  Settings out;
  for (const auto &m : object.GetObject()) {
    const std::string name(m.name.GetString(), m.name.GetStringLength());
    auto text = scalar_text(m.value);
    if (!text) return {std::nullopt, "the value of '" + name + "' must be a string, a number or a boolean"};
    out.emplace_back(name, std::move(*text));
  }
  return {std::move(out), {}};
}

std::optional<rapidjson::Document> parse_document(std::string_view json, std::string &error) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    error = std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError());
    return std::nullopt;
  }
  return doc;
}

}  // namespace

SettingsParse parse_spec(std::string_view spec) {
  const auto colon = spec.find(':');
  Settings out{{"kind", std::string(spec.substr(0, colon))}};
  if (out.front().second.empty()) return {std::nullopt, "'" + std::string(spec) + "' has no kind"};
  std::string_view rest = colon == std::string_view::npos ? std::string_view{} : spec.substr(colon + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view pair = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return {std::nullopt, "'" + std::string(pair) + "' in '" + std::string(spec) + "' is not key=value"};
    out.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
  }
  return {std::move(out), {}};
}

SettingsParse parse_json_object(std::string_view json) {
  std::string error;
  const auto doc = parse_document(json, error);
  if (!doc) return {std::nullopt, error};
  return from_object(*doc);
}

SettingsListParse parse_json_objects(std::string_view json) {
  std::string error;
  const auto doc = parse_document(json, error);
  if (!doc) return {std::nullopt, error};
  std::vector<Settings> list;
  const auto add = [&](const rapidjson::Value &v) {
    SettingsParse one = from_object(v);
    if (!one.settings) return error = one.error, false;
    list.push_back(std::move(*one.settings));
    return true;
  };
  if (doc->IsArray()) {
    for (const auto &v : doc->GetArray())
      if (!add(v)) return {std::nullopt, error};
  } else if (!add(*doc)) {
    return {std::nullopt, error};
  }
  return {std::move(list), {}};
}

std::optional<bool> parse_switch(std::string_view v) {
  if (v == "on" || v == "true" || v == "yes" || v == "1") return true;
  if (v == "off" || v == "false" || v == "no" || v == "0") return false;
  return std::nullopt;
}

}  // namespace sim
