// The tables of the project's Markdown pages, for the tests that hold a page against the code (config/mapping.md,
// docs/options.md).
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace defender::test {

using MarkdownRow = std::map<std::string, std::string>;  // column title -> cell

struct MarkdownTable {
  std::string section;     // the "## " heading above it, as written
  std::string subsection;  // the "### " heading under that section above it, without "### "; empty if none
  std::vector<MarkdownRow> rows;
};

inline std::string trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// A table row's cells; "\|" is a '|' inside a cell, as GitHub's tables write it.
inline std::vector<std::string> markdown_cells(std::string_view line) {
  std::vector<std::string> out;
  std::string cell;
  for (size_t i = 1; i < line.size(); ++i) {  // after the leading '|'
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += line[++i];
    } else if (line[i] == '|') {
      out.push_back(trimmed(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return out;
}

// Every table of the page, in order, outside code blocks: a run of lines that start with '|', its title row, the
// separator, then the rows. Each row must have as many cells as the titles.
inline std::vector<MarkdownTable> markdown_tables(std::string_view doc) {
  std::vector<MarkdownTable> tables;
  std::string section, subsection;
  std::vector<std::string> titles;  // of the table being read; empty between tables
  bool in_code = false;
  size_t line_in_table = 0;
  for (size_t start = 0; start < doc.size();) {
    size_t end = doc.find('\n', start);
    if (end == std::string_view::npos) end = doc.size();
    const std::string_view line = doc.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("```")) in_code = !in_code;
    if (in_code) continue;
    if (line.starts_with("## ")) {
      section = line;
      subsection.clear();
    }
    if (line.starts_with("### ")) subsection = line.substr(4);
    if (!line.starts_with('|')) {
      titles.clear();
      line_in_table = 0;
      continue;
    }
    if (line_in_table++ == 0) {
      titles = markdown_cells(line);
      tables.push_back({section, subsection, {}});
      continue;
    }
    if (line_in_table == 2) continue;  // |---|---|
    const std::vector<std::string> values = markdown_cells(line);
    REQUIRE_MESSAGE(values.size() == titles.size(), line);
    MarkdownRow row;
    for (size_t c = 0; c < titles.size(); ++c) row[titles[c]] = values[c];
    tables.back().rows.push_back(row);
  }
  return tables;
}

}  // namespace defender::test
