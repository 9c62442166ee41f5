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
  Entry entry{record.table, {}, {}};
  entry.names.reserve(record.properties.size());
  for (const StreamProperty &property : record.properties) entry.names.emplace_back(property.name);
  entry.layout = std::make_unique<const StreamLayout>(StreamLayout{lay_out_stream_columns(record, StreamKeyStyle::cef),
                                                                   lay_out_stream_columns(record, StreamKeyStyle::leef),
                                                                   lay_out_stream_fields(record)});
  entries_.push_back(std::move(entry));
  last_ = entries_.size() - 1;
  return entries_.back().layout.get();
}

}  // namespace defender
