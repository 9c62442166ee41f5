// What a stream row's column names decide, worked out once for every row with the same table and the same names in
// the same order, as the rows of one Advanced Hunting table nearly always are: the keys the CEF and LEEF lines write
// the columns under and their order (stream_columns.h), and the columns' name-value pairs (stream_fields.h). Without a
// layout each row's names are rewritten and hashed again for its line and for its pairs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "stream_record.h"

namespace defender {

enum class StreamKeyStyle { cef, leef };

// A column a line writes when its value is not null or empty; the row's Timestamp under its generic key only when it
// is not the event time, which the line writes as its time.
struct LaidOutColumn {
  size_t property = 0;  // the column's index in the row
  std::string key;
  size_t limit = 0;
  bool is_timestamp = false;
};

struct StreamLayout {
  size_t row_columns = 0;  // how many columns its rows have: a layout is used only with a row of as many
  // The columns in the line's order. Nullopt when two of the row's generic keys are alike: which one is written then
  // depends on the values, so each such row is worked out on its own.
  std::optional<std::vector<LaidOutColumn>> cef;
  std::optional<std::vector<LaidOutColumn>> leef;
  // Each column's pair name, by its index in the row; nullopt when two columns' names are alike (as for the keys).
  std::optional<std::vector<std::string>> field_names;

  const std::optional<std::vector<LaidOutColumn>> &columns(StreamKeyStyle style) const {
    return style == StreamKeyStyle::cef ? cef : leef;
  }
  bool fits(const StreamRecord &record) const { return record.properties.size() == row_columns; }
};

// One source's layouts, made as rows with new names come: at most max_layouts of them, holding at most max_bytes of
// names and keys in all (their text and their strings' and columns' own room). Past either, a row with yet other names
// has none and is worked out on its own. A table's rows rarely differ; rows from outside may, with names as long and as
// many as a record holds, and must not grow the memory. A layout stays where it was made for as long as this lives.
class StreamLayouts {
 public:
  static constexpr size_t max_layouts = 128;
  // Some 40 tables of up to 80 columns take a tenth of it.
  static constexpr size_t max_bytes = 1024 * 1024;

  // The layout of the record's table and column names; null for an unparsed record, and for new names once the
  // bounds are reached.
  const StreamLayout *find(const StreamRecord &record);

 private:
  struct Entry {
    std::string table;
    std::vector<std::string> names;
    std::unique_ptr<const StreamLayout> layout;
  };

  std::vector<Entry> entries_;
  size_t bytes_ = 0;  // of the entries' names and keys
  size_t last_ = 0;   // the entry found last: rows of one table tend to come together
};

}  // namespace defender
