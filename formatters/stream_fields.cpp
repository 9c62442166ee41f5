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

// Emits fields, each name written after the prefix in one buffer that is kept from field to field.
class Emitter {
 public:
  explicit Emitter(const EmitStreamField &emit) : emit_(emit), name_(stream_field_prefix) {}

  void text(std::string_view name, std::string_view value) {
    name_.resize(stream_field_prefix.size());
    name_ += name;
    emit(value);
  }

  void time(std::string_view name, const std::optional<Instant> &time) {
    if (time) text(name, format_instant(*time));
  }

  // A column under "properties." and the column name's ASCII letters, digits and '_', unless a column before it had
  // the same field name.
  void property(std::string_view column, std::string_view value, SeenNames &emitted) {
    name_.resize(stream_field_prefix.size());
    name_ += "properties.";
    const size_t start = name_.size();
    // Copied in runs of the characters a name keeps.
    for (size_t i = 0; i < column.size() && name_.size() - start < stream_key_name_limit;) {
      size_t end = i;
      while (end < column.size() && is_field_name_character(column[end])) ++end;
      name_.append(column.data() + i, std::min(end - i, stream_key_name_limit - (name_.size() - start)));
      i = end;
      while (i < column.size() && !is_field_name_character(column[i])) ++i;
    }
    if (name_.size() == start) name_ += "property";
    if (emitted.insert(std::string_view(name_).substr(start))) emit(value);  // the prefixes are the same
  }

 private:
  void emit(std::string_view value) {
    if (!value.empty()) emit_(name_, value);
  }

  const EmitStreamField &emit_;
  std::string name_;
};

}  // namespace

void visit_stream_fields(const StreamRecord &record, const EmitStreamField &emit) {
  Emitter out(emit);
  if (is_unparsed(record)) {
    out.text("parse_error", record.parse_error);
    out.text("unparsed_text", record.unparsed_text);
    return;
  }
  out.text("table", record.table);
  out.text("category", record.category);
  out.time("time", record.time);
  out.time("event_time", record.event_time);
  out.text("tenant_id", record.tenant_id);
  out.text("machine_group", record.machine_group);
  if (record.severity != Severity::unknown) out.text("severity", severity_name(record.severity));
  SeenNames emitted(record.properties.size());
  for (const StreamProperty &property : record.properties)
    if (property.kind != PropertyKind::null) out.property(property.name, property.value, emitted);
  out.text("json", record.raw_json);
}

}  // namespace defender
