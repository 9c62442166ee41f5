#include "cef_format.h"

#include "cef_escape.h"
#include "cef_mapping.h"
#include "event_identity.h"
#include "field_value_text.h"
#include "stream_columns.h"
#include "text.h"

namespace defender {
namespace {

void append_header_field(std::string &out, std::string_view text, size_t limit) {
  BoundedText<CefHeaderEscape>(out, limit).append(text);
  out += '|';
}

// The first choice that is not blank once written: the standard requires these fields.
void append_header_field(std::string &out, const HeaderChoices &choices, size_t limit) {
  const size_t start = out.size();
  for (const std::string_view choice : choices) {
    out.resize(start);
    BoundedText<CefHeaderEscape>(out, limit).append(choice);
    if (!is_blank(std::string_view(out).substr(start))) break;
  }
  out += '|';
}

// cn1 and cn2 are numbers: Microsoft's ArcSight mapping writes 1 for TRUE and 0 for FALSE.
constexpr YesNoWords cef_yes_no{"1", "0"};

template <class Item>
void append_extension_pair(std::string &out, const Item &item, const CefKey &key, bool first) {
  const FieldValue value = field_value(item, key.source);
  if (!is_given(value)) return;
  if (!first) out += ' ';
  out += key.key;
  out += '=';
  append_field_value<CefExtensionValueEscape>(out, value, key.limit, cef_yes_no);
  if (key.label.empty()) return;
  out += ' ';
  out += key.key;
  out += "Label=";
  out += key.label;  // alphanumeric (checked with the table): nothing to escape
}

template <class Item, size_t N>
void append_cef_line(const Item &item, const std::array<CefKey, N> &keys, std::string &out) {
  out += "CEF:0|Microsoft|";
  append_header_field(out, product_of(item), cef_product_limit);
  append_header_field(out, DEFENDER_VERSION, cef_version_limit);
  append_header_field(out, event_class_id_choices(item), cef_event_class_id_limit);
  append_header_field(out, event_name_choices(item), cef_name_limit);
  out += severity_digit(item.severity);
  out += '|';

  const size_t extension_start = out.size();
  for (const CefKey &key : keys) append_extension_pair(out, item, key, out.size() == extension_start);
}

// Writes key=value pairs of text or times after the header, space-separated.
class CefExtension {
 public:
  explicit CefExtension(std::string &out) : out_(out), start_(out.size()) {}

  void text(std::string_view key, std::string_view value, size_t limit) {
    if (value.empty()) return;
    begin(key);
    BoundedText<CefExtensionValueEscape>(out_, limit).append(value);
  }

  void time(std::string_view key, Instant time) {
    begin(key);
    append_epoch_milliseconds(out_, time);
  }

 private:
  void begin(std::string_view key) {
    if (out_.size() != start_) out_ += ' ';
    out_ += key;
    out_ += '=';
  }

  std::string &out_;
  const size_t start_;
};

}  // namespace

void append_cef(const StreamRecord &record, std::string &out, const StreamLayout *layout) {
  out += "CEF:0|Microsoft|";
  append_header_field(out, product_of(record), cef_product_limit);
  append_header_field(out, DEFENDER_VERSION, cef_version_limit);
  append_header_field(out, event_class_id_choices(record), cef_event_class_id_limit);
  std::string name;
  append_header_field(out, event_name_choices(record, name), cef_name_limit);
  out += severity_digit(record.severity);
  out += '|';

  CefExtension extension(out);
  if (is_unparsed(record)) {
    extension.text("reason", record.parse_error, 1023);
    extension.text("MicrosoftDefenderUnparsedText", record.unparsed_text, 4000);
    return;
  }
  if (const auto time = message_time(record)) extension.time("rt", *time);
  for_each_stream_column(
      record, StreamKeyStyle::cef,
      [&](std::string_view key, std::string_view value, size_t limit) { extension.text(key, value, limit); }, layout);
  extension.text("MicrosoftDefenderTenantId", record.tenant_id, 1023);
  // Last, as the alert's update time is: the line ends in a constant label.
  if (record.time) {
    extension.time("deviceCustomDate1", *record.time);
    out += " deviceCustomDate1Label=recordTime";
  }
}

void append_cef(const Alert &alert, std::string &out) { append_cef_line(alert, cef_extension_keys, out); }

void append_cef(const Incident &incident, std::string &out) { append_cef_line(incident, cef_incident_keys, out); }

}  // namespace defender
