#include "cef_format.h"

#include <charconv>

#include "cef_mapping.h"
#include "event_identity.h"
#include "fields.h"
#include "overloaded.h"
#include "text.h"

namespace defender {
namespace {

struct HeaderEscape {
  static constexpr bool passes(char c) { return c != '\\' && c != '|'; }
  static void write(std::string &out, std::string_view bytes) {
    if (bytes == "\\")
      out += "\\\\";
    else if (bytes == "|")
      out += "\\|";
    else if (bytes == "\r" || bytes == "\n")
      out += ' ';  // the standard allows no line break in the header
    else
      out += bytes;
  }
};

struct ExtensionValueEscape {
  static constexpr bool passes(char c) { return c != '\\' && c != '='; }
  static void write(std::string &out, std::string_view bytes) {
    if (bytes == "\\")
      out += "\\\\";
    else if (bytes == "=")
      out += "\\=";
    else if (bytes == "\r")
      out += "\\r";
    else if (bytes == "\n")
      out += "\\n";
    else
      out += bytes;
  }
};

void append_header_field(std::string &out, std::string_view text, size_t limit) {
  BoundedText<HeaderEscape>(out, limit).append(text);
  out += '|';
}

char severity_digit(Severity severity) {
  switch (severity) {
    case Severity::informational: return '1';
    case Severity::low: return '3';
    case Severity::medium: return '5';
    case Severity::high: return '8';
    case Severity::unknown: break;
  }
  return '0';
}

void append_epoch_milliseconds(std::string &out, Instant time) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, time.epoch_milliseconds());
  out.append(digits, result.ptr);
}

bool has_item(std::span<const std::string> items) {
  for (const std::string &item : items)
    if (!item.empty()) return true;
  return false;
}

class Extension {
 public:
  explicit Extension(std::string &out) : out_(out) {}

  void append(const Alert &alert, const CefKey &key) {
    std::visit(Overloaded{
                   [&](std::string_view text) {
                     if (text.empty()) return;
                     begin(key);
                     BoundedText<ExtensionValueEscape>(out_, key.limit).append(text);
                     end(key);
                   },
                   [&](const std::optional<Instant> &time) {
                     if (!time) return;
                     begin(key);
                     append_epoch_milliseconds(out_, *time);
                     end(key);
                   },
                   [&](std::span<const std::string> items) {
                     if (!has_item(items)) return;
                     begin(key);
                     BoundedText<ExtensionValueEscape> value(out_, key.limit);
                     bool first = true;
                     for (const std::string &item : items) {
                       if (item.empty()) continue;
                       if (!first) value.append(",");
                       value.append(item);
                       first = false;
                     }
                     end(key);
                   },
               },
               field_value(alert, key.source));
  }

 private:
  void begin(const CefKey &key) {
    if (!empty_) out_ += ' ';
    empty_ = false;
    out_ += key.key;
    out_ += '=';
  }
  void end(const CefKey &key) {
    if (key.label.empty()) return;
    out_ += ' ';
    out_ += key.key;
    out_ += "Label=";
    out_ += key.label;  // alphanumeric (checked with the table): nothing to escape
  }

  std::string &out_;
  bool empty_ = true;
};

}  // namespace

void append_cef(const Alert &alert, std::string &out) {
  out += "CEF:0|Microsoft|";
  append_header_field(out, product_name(alert.service_source), cef_product_limit);
  append_header_field(out, DEFENDER_VERSION, cef_version_limit);
  append_header_field(out, event_class_id(alert), cef_event_class_id_limit);
  append_header_field(out, alert.title, cef_name_limit);
  out += severity_digit(alert.severity);
  out += '|';

  Extension extension(out);
  for (const CefKey &key : cef_extension_keys) extension.append(alert, key);
}

}  // namespace defender
