// config/stream-mapping.md against the code: a section per table of formatters/stream_mapping.h, whose table lists
// that table's columns in output order with their CEF key, LEEF key and limit, and no section for a table the code
// does not list.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "markdown_table.h"
#include "stream_mapping.h"
#include "test_files.h"

namespace {

using defender::test::MarkdownTable;

std::vector<MarkdownTable> column_tables() {
  const std::string doc = defender::test::read_file(DEFENDER_SOURCE_DIR "/config/stream-mapping.md");
  REQUIRE_FALSE(doc.empty());
  std::vector<MarkdownTable> out;
  for (const MarkdownTable &table : defender::test::markdown_tables(doc))
    if (!table.rows.empty() && table.rows.front().contains("Column")) out.push_back(table);
  return out;
}

std::string code(std::string_view text) { return "`" + std::string(text) + "`"; }

}  // namespace

TEST_CASE("stream-mapping.md has one section per mapped table, in the code's order") {
  const std::vector<MarkdownTable> tables = column_tables();
  REQUIRE(tables.size() == defender::stream_tables.size());
  for (size_t i = 0; i < tables.size(); ++i)
    CHECK(tables[i].section == "## " + std::string(defender::stream_tables[i].table));
}

TEST_CASE("stream-mapping.md gives each table's columns with the code's CEF key, LEEF key and limit") {
  const std::vector<MarkdownTable> tables = column_tables();
  REQUIRE(tables.size() == defender::stream_tables.size());
  for (size_t i = 0; i < tables.size(); ++i) {
    const defender::StreamTableMapping &mapping = defender::stream_tables[i];
    CAPTURE(mapping.table);
    REQUIRE(tables[i].rows.size() == mapping.keys.size());
    for (size_t r = 0; r < mapping.keys.size(); ++r) {
      const auto &row = tables[i].rows[r];
      const defender::StreamColumnKey &key = mapping.keys[r];
      CHECK(row.at("Column") == code(key.column));
      CHECK(row.at("CEF") == code(key.cef));
      CHECK(row.at("LEEF") == code(key.leef));
      CHECK(row.at("Limit") == std::to_string(key.limit));
    }
  }
}

TEST_CASE("stream-mapping.md names the envelope's keys that the code reserves") {
  const std::string doc = defender::test::read_file(DEFENDER_SOURCE_DIR "/config/stream-mapping.md");
  std::set<std::string> envelope_cells;
  for (const MarkdownTable &table : defender::test::markdown_tables(doc)) {
    if (table.section != "## Envelope") continue;
    for (const auto &row : table.rows) {
      envelope_cells.insert(row.at("CEF"));
      envelope_cells.insert(row.at("LEEF"));
    }
  }
  for (std::string_view key : defender::stream_cef_envelope_keys) {
    if (key.ends_with("Label")) continue;  // written with its key
    bool found = false;
    for (const std::string &cell : envelope_cells) found = found || cell.starts_with(code(key));
    CHECK_MESSAGE(found, key);
  }
  for (std::string_view key : defender::stream_leef_envelope_keys) {
    bool found = false;
    for (const std::string &cell : envelope_cells) found = found || cell.starts_with(code(key));
    CHECK_MESSAGE(found, key);
  }
}
