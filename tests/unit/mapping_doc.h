// Reading config/mapping.md's tables against the code, for the tests that hold the alert and the incident mapping
// to it (test_mapping_table.cpp, test_incident_mapping_table.cpp): its cells, its JSON paths turned into JSON, and
// the CEF and LEEF columns checked against a key table.
#pragma once

#include <doctest/doctest.h>

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cef_mapping.h"
#include "fields.h"
#include "leef_mapping.h"
#include "markdown_table.h"
#include "test_files.h"

namespace defender::test {

using Row = MarkdownRow;

// The rows of the first table of the section (e.g. "## Fields").
inline std::vector<Row> mapping_table(std::string_view heading) {
  const std::string doc = read_file(DEFENDER_SOURCE_DIR "/config/mapping.md");
  REQUIRE_FALSE(doc.empty());
  for (const MarkdownTable &table : markdown_tables(doc)) {
    if (table.section != heading) continue;
    REQUIRE_FALSE(table.rows.empty());
    return table.rows;
  }
  FAIL("no table under ", heading, " in config/mapping.md");
  return {};
}

// The cell of column `column` in the row whose first cell is `name`.
inline std::string mapping_cell(std::string_view heading, std::string_view name, const std::string &column) {
  for (const Row &row : mapping_table(heading))
    if (row.at("") == name) return row.at(column);
  FAIL("no row ", name, " in the table under ", heading);
  return {};
}

inline std::string name_of(Field field) { return std::string(field_name(static_cast<size_t>(field))); }

// The text between the first pair of backticks, and what follows it.
inline std::pair<std::string, std::string> code_span(std::string_view cell) {
  REQUIRE_MESSAGE(cell.starts_with('`'), cell);
  const size_t end = cell.find('`', 1);
  REQUIRE_MESSAGE(end != std::string_view::npos, cell);
  return {std::string(cell.substr(1, end - 1)), std::string(cell.substr(end + 1))};
}

// The cell's text inside backticks, when the backticks hold the whole cell.
inline std::string code(std::string_view cell) {
  const auto [text, rest] = code_span(cell);
  CHECK_MESSAGE(rest.empty(), cell);
  return text;
}

inline std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> out;
  for (size_t at; (at = text.find(separator)) != std::string_view::npos; text.remove_prefix(at + separator.size()))
    out.emplace_back(text.substr(0, at));
  out.emplace_back(text);
  return out;
}

// How an API's objects are written, for turning mapping.md's paths into JSON.
struct JsonShape {
  std::string_view evidence_type_member;
  std::string_view evidence_type_prefix;
  // An array whose items are read only with more members (an incident's alerts[]), and those members.
  std::string_view placed_array = "";
  std::string_view item_placing_members = "";
};

// The members of a JSON object, without braces, that put value at path (mapping.md's path syntax).
inline std::string members_for(const JsonShape &shape, const std::vector<std::string> &path, size_t i,
                               const std::string &value) {
  if (i == path.size()) return value;
  std::string segment = path[i];
  if (segment.starts_with("evidence[")) {
    const std::string type = segment.substr(9, segment.size() - 10);
    return R"("evidence":[{")" + std::string(shape.evidence_type_member) + R"(":")" +
           std::string(shape.evidence_type_prefix) + type + "\"," + members_for(shape, path, i + 1, value) + "}]";
  }
  if (segment.ends_with("[]")) {
    segment.resize(segment.size() - 2);
    if (i + 1 == path.size()) return "\"" + segment + "\":[" + value + "]";
    std::string item = "{" + members_for(shape, path, i + 1, value);
    if (segment == shape.placed_array) item += "," + std::string(shape.item_placing_members);
    return "\"" + segment + "\":[" + item + "}]";
  }
  const std::string inner = i + 1 == path.size() ? value : "{" + members_for(shape, path, i + 1, value) + "}";
  return "\"" + segment + "\":" + inner;
}

template <class Key, size_t N>
const Key *key_for(const std::array<Key, N> &keys, Field field) {
  for (const Key &key : keys)
    if (key.source == field) return &key;
  return nullptr;
}

// A CEF cell: `key`, `key` label `label`, "header <field>" for a field the header carries (header_fields), or —.
template <size_t N>
void check_cef_cell(const std::array<CefKey, N> &keys, const std::map<std::string, Field> &header_fields, Field field,
                    const std::string &cell) {
  CAPTURE(cell);
  const CefKey *key = key_for(keys, field);
  if (cell == "—" || cell.starts_with("header ")) {
    CHECK(key == nullptr);
    if (cell != "—") CHECK(header_fields.at(cell) == field);
    return;
  }
  REQUIRE(key != nullptr);
  const auto [name, rest] = code_span(cell);
  CHECK(name == key->key);
  if (key->label.empty()) {
    CHECK(rest.empty());
  } else {
    REQUIRE(rest.starts_with(" label "));
    CHECK(code(rest.substr(7)) == key->label);
  }
}

// A LEEF cell: `key`, or —.
template <size_t N>
void check_leef_cell(const std::array<LeefKey, N> &keys, Field field, const std::string &cell) {
  CAPTURE(cell);
  const LeefKey *key = key_for(keys, field);
  if (cell == "—") {
    CHECK(key == nullptr);
    return;
  }
  REQUIRE(key != nullptr);
  CHECK(code(cell) == key->key);
}

inline std::string lower_camel_case(std::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

inline bool is_predefined_leef_key(std::string_view key) {
  for (std::string_view predefined : leef_predefined_keys)
    if (predefined == key) return true;
  return false;
}

}  // namespace defender::test
