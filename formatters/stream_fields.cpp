#include "stream_fields.h"

#include <string>

#include "fields.h"
#include "seen_names.h"
#include "stream_mapping.h"
#include "text.h"

namespace defender {
namespace {

class Emitter {
 public:
  explicit Emitter(const EmitStreamField &emit) : emit_(emit) {}

  void text(std::string_view name, std::string_view value) {
    if (value.empty()) return;
    name_.assign(stream_field_prefix);
    name_ += name;
    emit_(name_, value);
  }

  void time(std::string_view name, const std::optional<Instant> &time) {
    if (time) text(name, format_instant(*time));
  }

 private:
  const EmitStreamField &emit_;
  std::string name_;
};

// Writes a column's field name, "properties." and the name's ASCII letters, digits and '_', into `name`, replacing
// what it held.
void write_property_field_name(std::string_view column, std::string &name) {
  name = "properties.";
  const size_t start = name.size();
  for (char c : column)
    if ((is_alphanumeric(c) || c == '_') && name.size() - start < stream_key_name_limit) name += c;
  if (name.size() == start) name += "property";
}

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
  std::string name;
  for (const StreamProperty &property : record.properties) {
    if (property.kind == PropertyKind::null) continue;
    write_property_field_name(property.name, name);
    if (!emitted.insert(name)) continue;
    out.text(name, property.value);
  }
  out.text("json", record.raw_json);
}

}  // namespace defender
