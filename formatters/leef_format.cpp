#include "leef_format.h"

#include "event_identity.h"
#include "field_value_text.h"
#include "leef_escape.h"
#include "leef_mapping.h"
#include "stream_columns.h"
#include "text.h"

namespace defender {
namespace {

constexpr YesNoWords leef_yes_no{"true", "false"};

class LeefWriter {
 public:
  LeefWriter(std::string &out, char delimiter) : out_(out), delimiter_(delimiter) {}

  template <class Item>
  void header(std::string_view version, const Item &item) {
    out_ += "LEEF:";
    out_ += version;
    out_ += "|Microsoft|";
    header_field(product_of(item), leef_product_limit);
    header_field(DEFENDER_VERSION, leef_version_limit);
    header_field(event_class_id_choices(item), leef_event_id_limit);
  }

  void delimiter_field() {
    if (is_printable_ascii(delimiter_)) {
      out_ += delimiter_;
    } else {
      constexpr std::string_view hex = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(delimiter_);
      out_ += 'x';
      out_ += hex[byte >> 4];
      out_ += hex[byte & 0xF];
    }
    out_ += '|';
  }

  void stream_attributes(const StreamRecord &record, const StreamLayout *layout) {
    attributes_start_ = out_.size();
    if (is_unparsed(record)) {
      text("reason", record.parse_error, 1023);
      text("unparsedText", record.unparsed_text, 4000);
      return;
    }
    if (const auto time = message_time(record)) epoch_milliseconds("devTime", *time);
    if (record.severity != Severity::unknown) {
      begin("sev");
      out_ += severity_digit(record.severity);
    }
    for_each_stream_column(
        record, StreamKeyStyle::leef,
        [&](std::string_view key, std::string_view value, size_t limit) { text(key, value, limit); }, layout);
    text("tenantId", record.tenant_id, 1023);
    if (record.time) epoch_milliseconds("recordTime", *record.time);
  }

  template <class Item, size_t N>
  void attributes(const Item &item, const std::array<LeefKey, N> &keys) {
    attributes_start_ = out_.size();
    for (const LeefKey &key : keys) attribute(item, key);
  }

 private:
  void header_field(std::string_view text, size_t limit) {
    const size_t start = out_.size();
    BoundedText<LeefHeaderEscape>(out_, limit).append(text);
    neutralise_delimiter(start);
    out_ += '|';
  }

  // The first choice that is not blank once written: LEEF requires the field.
  void header_field(const HeaderChoices &choices, size_t limit) {
    const size_t start = out_.size();
    for (const std::string_view choice : choices) {
      out_.resize(start);
      BoundedText<LeefHeaderEscape>(out_, limit).append(choice);
      neutralise_delimiter(start);
      if (!is_blank(std::string_view(out_).substr(start))) break;
    }
    out_ += '|';
  }

  template <class Item>
  void attribute(const Item &item, const LeefKey &key) {
    if (key.source == Field::severity) {
      // The one value that is not the field's text: its number on LEEF's 1-10 scale.
      if (item.severity == Severity::unknown) return;
      begin(key.key);
      out_ += severity_digit(item.severity);
      return;
    }
    const FieldValue value = field_value(item, key.source);
    if (!is_given(value)) return;
    begin(key.key);
    const size_t start = out_.size();
    append_field_value<LeefValueEscape>(out_, value, key.limit, leef_yes_no);
    neutralise_delimiter(start);
  }

  void begin(std::string_view key) {
    if (out_.size() != attributes_start_) out_ += delimiter_;
    out_ += key;
    out_ += '=';
  }

  void text(std::string_view key, std::string_view value, size_t limit) {
    if (value.empty()) return;
    begin(key);
    const size_t start = out_.size();
    BoundedText<LeefValueEscape>(out_, limit).append(value);
    neutralise_delimiter(start);
  }

  void epoch_milliseconds(std::string_view key, Instant time) {
    begin(key);
    append_epoch_milliseconds(out_, time);
  }

  void neutralise_delimiter(size_t start) { neutralise_leef_delimiter(out_, start, delimiter_); }

  std::string &out_;
  const char delimiter_;
  size_t attributes_start_ = 0;
};

}  // namespace

bool is_valid_leef_delimiter(char c) {
  if (c == '\0' || c == '\r' || c == '\n') return false;
  if (!is_printable_ascii(c)) return static_cast<unsigned char>(c) < 0x80;
  return !is_alphanumeric(c) && c != ' ' && c != '=' && c != '|';
}

void append_leef1(const Alert &alert, std::string &out) {
  LeefWriter writer(out, '\t');
  writer.header("1.0", alert);
  writer.attributes(alert, leef_attribute_keys);
}

void append_leef1(const Incident &incident, std::string &out) {
  LeefWriter writer(out, '\t');
  writer.header("1.0", incident);
  writer.attributes(incident, leef_incident_keys);
}

void append_leef2(const Alert &alert, char delimiter, std::string &out) {
  LeefWriter writer(out, is_valid_leef_delimiter(delimiter) ? delimiter : leef_default_delimiter);
  writer.header("2.0", alert);
  writer.delimiter_field();
  writer.attributes(alert, leef_attribute_keys);
}

void append_leef2(const Incident &incident, char delimiter, std::string &out) {
  LeefWriter writer(out, is_valid_leef_delimiter(delimiter) ? delimiter : leef_default_delimiter);
  writer.header("2.0", incident);
  writer.delimiter_field();
  writer.attributes(incident, leef_incident_keys);
}

}  // namespace defender

namespace defender {

void append_leef1(const StreamRecord &record, std::string &out, const StreamLayout *layout) {
  LeefWriter writer(out, '\t');
  writer.header("1.0", record);
  writer.stream_attributes(record, layout);
}

void append_leef2(const StreamRecord &record, char delimiter, std::string &out, const StreamLayout *layout) {
  LeefWriter writer(out, is_valid_leef_delimiter(delimiter) ? delimiter : leef_default_delimiter);
  writer.header("2.0", record);
  writer.delimiter_field();
  writer.stream_attributes(record, layout);
}

}  // namespace defender
