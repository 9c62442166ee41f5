#include "stream_columns.h"

#include <algorithm>
#include <unordered_set>

#include "stream_mapping.h"

namespace defender {
namespace {

bool has_value(const StreamProperty &property) {
  return property.kind != PropertyKind::null && !property.value.empty();
}

const StreamProperty *find_column(const StreamRecord &record, std::string_view column) {
  for (const StreamProperty &property : record.properties)
    if (property.name == column) return &property;
  return nullptr;
}

bool is_listed(std::span<const StreamColumnKey> keys, std::string_view column) {
  return std::any_of(keys.begin(), keys.end(), [&](const StreamColumnKey &key) { return key.column == column; });
}

template <size_t N>
bool is_one_of(std::string_view key, const std::array<std::string_view, N> &keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string letters_and_digits(std::string_view column) {
  std::string out;
  for (char c : column)
    if (is_alphanumeric(c) && out.size() < stream_key_name_limit) out += c;
  return out;
}

}  // namespace

std::string generic_stream_key(StreamKeyStyle style, std::string_view column) {
  const std::string name = letters_and_digits(column);
  if (style == StreamKeyStyle::cef) {
    std::string key = std::string(stream_cef_custom_prefix) + (name.empty() ? "Property" : name);
    if (is_one_of(key, stream_cef_envelope_keys)) key = std::string(stream_cef_custom_prefix) + "Column" + name;
    return key;
  }
  std::string key;
  for_each_lower_camel(column, [&](char c) {
    if (key.size() < stream_key_name_limit) key += c;
  });
  if (key.empty()) return "property";
  if (is_one_of(key, stream_leef_envelope_keys) || stream_mapping_checks::is_leef_predefined(key))
    key = "column" + name;
  return key;
}

void for_each_stream_column(const StreamRecord &record, StreamKeyStyle style, const PutStreamColumn &put) {
  const std::span<const StreamColumnKey> listed = stream_columns_of(record.table);
  std::unordered_set<std::string> written;
  for (const StreamColumnKey &key : listed) {
    const std::string_view name = style == StreamKeyStyle::cef ? key.cef : key.leef;
    written.emplace(name);
    const StreamProperty *property = find_column(record, key.column);
    if (property && has_value(*property)) put(name, property->value, key.limit);
  }
  for (const StreamProperty &property : record.properties) {
    if (!has_value(property) || is_listed(listed, property.name)) continue;
    if (property.name == "Timestamp" && record.event_time) continue;
    std::string key = generic_stream_key(style, property.name);
    if (!written.insert(key).second) continue;
    put(key, property.value, stream_generic_limit);
  }
}

}  // namespace defender
