#include "json_value.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>

namespace defender::test {
namespace {

std::optional<std::string> rewritten(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) return std::nullopt;
  return json_text(doc);
}

}  // namespace

std::string json_text(const rapidjson::Value &value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool same_json_value(std::string_view a, std::string_view b) {
  const auto x = rewritten(a);
  return x && x == rewritten(b);
}

}  // namespace defender::test
