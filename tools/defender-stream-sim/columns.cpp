#include "columns.h"

namespace streamsim {

void Columns::key(std::string_view name) { writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size())); }

void Columns::string(std::string_view value) {
  writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void Columns::text(std::string_view name, std::string_view value) {
  key(name);
  if (hostile_ && hostile_->wants_next())
    string(hostile_->apply(value));
  else
    string(value);
}

void Columns::id(std::string_view name, std::string_view value) {
  key(name);
  string(value);
}

void Columns::id_or_null(std::string_view name, const std::optional<std::string> &value) {
  value ? id(name, *value) : null(name);
}

void Columns::text_or_null(std::string_view name, std::string_view value) {
  value.empty() ? null(name) : text(name, value);
}

void Columns::number(std::string_view name, std::int64_t value) {
  key(name);
  writer_.Int64(value);
}

void Columns::boolean(std::string_view name, bool value) {
  key(name);
  writer_.Bool(value);
}

void Columns::time(std::string_view name, sim::Ticks value) { id(name, sim::format_iso8601_fixed(value, 7)); }

void Columns::null(std::string_view name) {
  key(name);
  writer_.Null();
}

void Columns::json_string(std::string_view name, std::string_view json) { id(name, json); }

void Columns::nested(std::string_view name, std::string_view json) {
  key(name);
  writer_.RawValue(json.data(), json.size(), json.starts_with('[') ? rapidjson::kArrayType : rapidjson::kObjectType);
}

}  // namespace streamsim
