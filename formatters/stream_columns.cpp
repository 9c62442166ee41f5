#include "stream_columns.h"

#include <algorithm>
#include <vector>

#include "seen_names.h"
#include "stream_mapping.h"

namespace defender {
namespace {

bool has_value(const StreamProperty &property) {
  return property.kind != PropertyKind::null && !property.value.empty();
}

template <size_t N>
bool is_one_of(std::string_view key, const std::array<std::string_view, N> &keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Copied in runs of letters and digits.
void append_letters_and_digits(std::string_view column, std::string &out) {
  size_t taken = 0;
  for (size_t i = 0; i < column.size() && taken < stream_key_name_limit;) {
    size_t end = i;
    while (end < column.size() && is_alphanumeric(column[end])) ++end;
    const size_t run = std::min(end - i, stream_key_name_limit - taken);
    out.append(column.data() + i, run);
    taken += run;
    i = end;
    while (i < column.size() && !is_alphanumeric(column[i])) ++i;
  }
}

// Writes the column's generic key into `key`, replacing what it held: a key reused from column to column allocates
// only until it has room for the longest.
void write_generic_stream_key(StreamKeyStyle style, std::string_view column, std::string &key) {
  key.clear();
  if (style == StreamKeyStyle::cef) {
    key += stream_cef_custom_prefix;
    const size_t name_start = key.size();
    append_letters_and_digits(column, key);
    if (key.size() == name_start) key += "Property";
    if (is_one_of(key, stream_cef_envelope_keys)) {
      key.resize(name_start);
      key += "Column";
      append_letters_and_digits(column, key);
    }
    return;
  }
  for_each_lower_camel(column, [&](char c) {
    if (key.size() < stream_key_name_limit) key += c;
  });
  if (key.empty()) {
    key = "property";
  } else if (is_one_of(key, stream_leef_envelope_keys) || stream_mapping_checks::is_leef_predefined(key)) {
    key = "column";
    append_letters_and_digits(column, key);
  }
}

// The columns the record's table lists (stream_mapping.h), found in one pass over the row: the first property of each
// (a row may repeat a name), and which properties are listed ones. A table lists each column once.
struct ListedColumns {
  explicit ListedColumns(const StreamRecord &record)
      : listed(stream_columns_of(record.table)),
        first(listed.size(), nullptr),
        is_listed(record.properties.size(), false) {
    for (size_t i = 0; i < record.properties.size(); ++i) {
      for (size_t j = 0; j < listed.size(); ++j) {
        if (record.properties[i].name != listed[j].column) continue;
        is_listed[i] = true;
        if (!first[j]) first[j] = &record.properties[i];
        break;
      }
    }
  }

  const std::span<const StreamColumnKey> listed;
  std::vector<const StreamProperty *> first;
  std::vector<bool> is_listed;
};

std::string_view listed_key(const StreamColumnKey &column, StreamKeyStyle style) {
  return style == StreamKeyStyle::cef ? column.cef : column.leef;
}

bool is_timestamp(const StreamProperty &property) { return property.name == "Timestamp"; }

}  // namespace

void for_each_stream_column(const StreamRecord &record, StreamKeyStyle style, const PutStreamColumn &put,
                            const StreamLayout *layout) {
  if (layout && layout->fits(record) && layout->columns(style)) {
    for (const LaidOutColumn &column : *layout->columns(style)) {
      const StreamProperty &property = record.properties[column.property];
      if (!has_value(property) || (column.is_timestamp && record.event_time)) continue;
      put(column.key, property.value, column.limit);
    }
    return;
  }
  const ListedColumns columns(record);
  SeenNames written(columns.listed.size() + record.properties.size());
  for (size_t j = 0; j < columns.listed.size(); ++j) {
    const std::string_view name = listed_key(columns.listed[j], style);
    written.insert(name);
    if (columns.first[j] && has_value(*columns.first[j])) put(name, columns.first[j]->value, columns.listed[j].limit);
  }
  std::string key;
  for (size_t i = 0; i < record.properties.size(); ++i) {
    const StreamProperty &property = record.properties[i];
    if (!has_value(property) || columns.is_listed[i]) continue;
    if (is_timestamp(property) && record.event_time) continue;
    write_generic_stream_key(style, property.name, key);
    if (!written.insert(key)) continue;
    put(key, property.value, stream_generic_limit);
  }
}

std::optional<std::vector<LaidOutColumn>> lay_out_stream_columns(const StreamRecord &record, StreamKeyStyle style) {
  const ListedColumns columns(record);
  std::vector<LaidOutColumn> laid_out;
  SeenNames listed_keys(columns.listed.size());
  for (size_t j = 0; j < columns.listed.size(); ++j) {
    const std::string_view name = listed_key(columns.listed[j], style);
    listed_keys.insert(name);
    if (columns.first[j])
      laid_out.push_back({static_cast<size_t>(columns.first[j] - record.properties.data()), std::string(name),
                          columns.listed[j].limit});
  }
  // A generic key alike a listed one is never written; two alike each other are written as the values decide.
  SeenNames generic_keys(record.properties.size());
  std::string key;
  for (size_t i = 0; i < record.properties.size(); ++i) {
    if (columns.is_listed[i]) continue;
    write_generic_stream_key(style, record.properties[i].name, key);
    if (listed_keys.contains(key)) continue;
    if (!generic_keys.insert(key)) return std::nullopt;
    laid_out.push_back({i, key, stream_generic_limit, is_timestamp(record.properties[i])});
  }
  return laid_out;
}

}  // namespace defender
