// docs/options.md against the lists it documents: its option tables name exactly the options of
// boundary/option_list.h, and its Statistics tables exactly the counters of boundary/stat_list.h and
// boundary/stream_stat_list.h. (The normalized
// fields are held against config/mapping.md by test_mapping_table.cpp.)
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "boundary/core.h"
#include "config/option_kind.h"
#include "markdown_table.h"
#include "test_files.h"

using defender::test::MarkdownTable;

namespace {

std::vector<MarkdownTable> options_doc_tables() {
  const std::string doc = defender::test::read_file(DEFENDER_SOURCE_DIR "/docs/options.md");
  REQUIRE_FALSE(doc.empty());
  return defender::test::markdown_tables(doc);
}

// Each option as its row writes it, e.g. `tenant-id("...")`: the text inside the backticks.
struct Documented {
  std::string name;  // before the '('
  std::string form;  // the whole of it
};

// The Option cells of every option table: some rows document two options (`ca-file("path")`, `ca-dir("path")`).
// Delivery's rows are syslog-ng's own source options (persist-name(), log-iw-size()), not this source's.
std::vector<Documented> documented_options() {
  std::vector<Documented> out;
  for (const MarkdownTable &table : options_doc_tables()) {
    if (table.section == "## Delivery") continue;
    for (const auto &row : table.rows) {
      const auto cell = row.find("Option");
      if (cell == row.end()) continue;  // another kind of table, e.g. the hosts of each cloud
      const std::string &text = cell->second;
      if (text.find('`') == std::string::npos) continue;  // a row about options documented elsewhere
      for (size_t open = text.find('`'); open != std::string::npos;) {
        const size_t close = text.find('`', open + 1);
        REQUIRE_MESSAGE(close != std::string::npos, text);
        const std::string form = text.substr(open + 1, close - open - 1);
        out.push_back({form.substr(0, form.find('(')), form});
        open = text.find('`', close + 1);
      }
    }
  }
  return out;
}

std::vector<DefenderOption> listed_options() {
  std::vector<DefenderOption> out;
  for (int i = 0; i < DEFENDER_OPTION_COUNT; ++i) out.push_back(static_cast<DefenderOption>(i));
  return out;
}

}  // namespace

TEST_CASE("docs/options.md documents each option of the list once, by its name") {
  const std::vector<Documented> documented = documented_options();
  for (const DefenderOption option : listed_options()) {
    const std::string name = defender_option_name(option);
    CAPTURE(name);
    CHECK(std::count_if(documented.begin(), documented.end(), [&](const Documented &d) { return d.name == name; }) ==
          1);
  }
}

TEST_CASE("docs/options.md documents no option that is not in the list") {
  const std::vector<DefenderOption> listed = listed_options();
  for (const Documented &d : documented_options()) {
    CAPTURE(d.form);
    CHECK(std::any_of(listed.begin(), listed.end(),
                      [&](DefenderOption option) { return d.name == defender_option_name(option); }));
  }
}

TEST_CASE("docs/options.md writes the yes-or-no options, and only those, as name(yes|no)") {
  const std::vector<DefenderOption> listed = listed_options();
  for (const Documented &d : documented_options()) {
    CAPTURE(d.form);
    const auto option =
        std::find_if(listed.begin(), listed.end(), [&](DefenderOption o) { return d.name == defender_option_name(o); });
    if (option == listed.end()) continue;  // told by the test case above
    CHECK((d.form == d.name + "(yes|no)") == (defender::option_kind(*option) == defender::OptionKind::yes_no));
  }
}

TEST_CASE("docs/options.md's Statistics table lists every counter of the list, in order") {
  const std::vector<MarkdownTable> tables = options_doc_tables();
  const auto statistics =
      std::find_if(tables.begin(), tables.end(), [](const MarkdownTable &t) { return t.section == "## Statistics"; });
  REQUIRE(statistics != tables.end());
  REQUIRE(statistics->rows.size() == DEFENDER_STAT_COUNT);
  for (int i = 0; i < DEFENDER_STAT_COUNT; ++i) {
    const std::string name = defender_stat_name(static_cast<DefenderStat>(i));
    CAPTURE(name);
    CHECK(statistics->rows[i].at("Counter") == "`" + name + "`");
  }
}

TEST_CASE("docs/options.md's stream Statistics table lists every counter of the stream's list, in order") {
  const std::vector<MarkdownTable> tables = options_doc_tables();
  const auto statistics = std::find_if(tables.begin(), tables.end(), [](const MarkdownTable &t) {
    return t.section == "## Statistics of microsoft-defender-stream()";
  });
  REQUIRE(statistics != tables.end());
  REQUIRE(statistics->rows.size() == DEFENDER_STREAM_STAT_COUNT);
  for (int i = 0; i < DEFENDER_STREAM_STAT_COUNT; ++i) {
    const std::string name = defender_stream_stat_name(static_cast<DefenderStreamStat>(i));
    CAPTURE(name);
    CHECK(statistics->rows[i].at("Counter") == "`" + name + "`");
  }
}
