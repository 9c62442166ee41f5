#include "stream_fields.h"

#include <algorithm>
#include <string>

#include "fields.h"
#include "seen_names.h"
#include "stream_mapping.h"
#include "text.h"

namespace defender {
namespace {

bool is_field_name_character(char c) { return is_alphanumeric(c) || c == '_'; }

// The slots of the envelope's fields (stream_fields.h); the columns' start after them.
enum EnvelopeSlot : size_t { table, category, time, event_time, tenant_id, machine_group, severity, columns };

// Appends the column's part of its pair name: its ASCII letters, digits and '_', at most stream_key_name_limit of
// them, copied in runs; "property" when none is left.
void append_column_field_name(std::string_view column, std::string &name) {
  const size_t start = name.size();
  for (size_t i = 0; i < column.size() && name.size() - start < stream_key_name_limit;) {
    size_t end = i;
    while (end < column.size() && is_field_name_character(column[end])) ++end;
    name.append(column.data() + i, std::min(end - i, stream_key_name_limit - (name.size() - start)));
    i = end;
    while (i < column.size() && !is_field_name_character(column[i])) ++i;
  }
  if (name.size() == start) name += "property";
}

// Emits fields, each name written after the prefix in one buffer that is kept from field to field.
class Emitter {
 public:
  explicit Emitter(const EmitStreamField &emit) : emit_(emit), name_(stream_field_prefix) {}

  void text(std::string_view name, std::string_view value, size_t slot) {
    name_.resize(stream_field_prefix.size());
    name_ += name;
    emit(name_, value, slot);
  }

  void time(std::string_view name, const std::optional<Instant> &time, size_t slot) {
    if (time) text(name, format_instant(*time), slot);
  }

  // A column under "properties.", unless a column before it had the same field name.
  void property(std::string_view column, std::string_view value, SeenNames &emitted) {
    name_.resize(stream_field_prefix.size());
    name_ += "properties.";
    const size_t start = name_.size();
    append_column_field_name(column, name_);
    // The prefixes are the same.
    if (emitted.insert(std::string_view(name_).substr(start))) emit(name_, value, no_stream_field_slot);
  }

  void emit(std::string_view name, std::string_view value, size_t slot) {
    if (!value.empty()) emit_(name, value, slot);
  }

 private:
  const EmitStreamField &emit_;
  std::string name_;
};

}  // namespace

void visit_stream_fields(const StreamRecord &record, const EmitStreamField &emit, const StreamLayout *layout) {
  Emitter out(emit);
  if (is_unparsed(record)) {
    out.text("parse_error", record.parse_error, no_stream_field_slot);
    out.text("unparsed_text", record.unparsed_text, no_stream_field_slot);
    return;
  }
  out.text("table", record.table, EnvelopeSlot::table);
  out.text("category", record.category, EnvelopeSlot::category);
  out.time("time", record.time, EnvelopeSlot::time);
  out.time("event_time", record.event_time, EnvelopeSlot::event_time);
  out.text("tenant_id", record.tenant_id, EnvelopeSlot::tenant_id);
  out.text("machine_group", record.machine_group, EnvelopeSlot::machine_group);
  if (record.severity != Severity::unknown)
    out.text("severity", severity_name(record.severity), EnvelopeSlot::severity);
  if (layout && layout->fits(record) && layout->field_names) {
    for (size_t i = 0; i < record.properties.size(); ++i)
      if (record.properties[i].kind != PropertyKind::null)
        out.emit((*layout->field_names)[i], record.properties[i].value, EnvelopeSlot::columns + i);
  } else {
    SeenNames emitted(record.properties.size());
    for (const StreamProperty &property : record.properties)
      if (property.kind != PropertyKind::null) out.property(property.name, property.value, emitted);
  }
  out.text("json", record.raw_json, EnvelopeSlot::columns + record.properties.size());
}

std::optional<std::vector<std::string>> lay_out_stream_fields(const StreamRecord &record) {
  std::vector<std::string> names;
  names.reserve(record.properties.size());
  SeenNames seen(record.properties.size());
  const std::string prefix = std::string(stream_field_prefix) + "properties.";
  for (const StreamProperty &property : record.properties) {
    std::string name = prefix;
    append_column_field_name(property.name, name);
    if (!seen.insert(name)) return std::nullopt;
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace defender
