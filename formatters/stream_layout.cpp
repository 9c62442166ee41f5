#include "stream_layout.h"

#include <algorithm>

#include "stream_columns.h"
#include "stream_fields.h"

namespace defender {
namespace {

bool has_names(const std::vector<std::string> &names, const StreamRecord &record) {
  return std::equal(names.begin(), names.end(), record.properties.begin(), record.properties.end(),
                    [](const std::string &name, const StreamProperty &property) { return name == property.name; });
}

// The bytes of an entry's names: the text and each string's own room.
size_t bytes_of_names(const StreamRecord &record) {
  size_t bytes = record.table.size() + record.properties.size() * sizeof(std::string);
  for (const StreamProperty &property : record.properties) bytes += property.name.size();
  return bytes;
}

size_t bytes_of(const std::optional<std::vector<LaidOutColumn>> &columns) {
  size_t bytes = 0;
  if (columns)
    for (const LaidOutColumn &column : *columns) bytes += sizeof column + column.key.size();
  return bytes;
}

// The bytes an entry holds: its names, and its layout's keys and pair names.
size_t bytes_of(const StreamRecord &record, const StreamLayout &layout) {
  size_t bytes = bytes_of_names(record) + bytes_of(layout.cef) + bytes_of(layout.leef);
  if (layout.field_names)
    for (const std::string &name : *layout.field_names) bytes += sizeof name + name.size();
  return bytes;
}

}  // namespace

const StreamLayout *StreamLayouts::find(const StreamRecord &record) {
  if (is_unparsed(record)) return nullptr;
  const auto fits = [&](const Entry &entry) { return entry.table == record.table && has_names(entry.names, record); };
  if (last_ < entries_.size() && fits(entries_[last_])) return entries_[last_].layout.get();
  const auto found = std::find_if(entries_.begin(), entries_.end(), fits);
  if (found != entries_.end()) {
    last_ = static_cast<size_t>(found - entries_.begin());
    return found->layout.get();
  }
  if (entries_.size() >= max_layouts) return nullptr;
  // The names alone tell most rows that cannot fit before their keys are made.
  if (bytes_of_names(record) > max_bytes - bytes_) return nullptr;
  auto layout = std::make_unique<const StreamLayout>(
      StreamLayout{record.properties.size(), lay_out_stream_columns(record, StreamKeyStyle::cef),
                   lay_out_stream_columns(record, StreamKeyStyle::leef), lay_out_stream_fields(record)});
  const size_t bytes = bytes_of(record, *layout);
  if (bytes > max_bytes - bytes_) return nullptr;
  bytes_ += bytes;
  Entry entry{record.table, {}, std::move(layout)};
  entry.names.reserve(record.properties.size());
  for (const StreamProperty &property : record.properties) entry.names.emplace_back(property.name);
  entries_.push_back(std::move(entry));
  last_ = entries_.size() - 1;
  return entries_.back().layout.get();
}

}  // namespace defender
