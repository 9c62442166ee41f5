#include "json_format.h"

#include "json_line.h"
#include "text.h"

namespace defender {

namespace {

void append_one_line(const std::string &json, std::string &out) {
  if (is_plain_json_line(json))
    out += json;
  else
    append_json_line(json, out);
}

// Text inside a JSON string: the quote and the backslash escaped, CR and LF as \r and \n; text.h makes every other
// control character a space.
struct JsonStringEscape {
  static constexpr bool passes(char c) { return c != '"' && c != '\\'; }
  static void write(std::string &out, std::string_view bytes) {
    if (bytes == "\"")
      out += "\\\"";
    else if (bytes == "\\")
      out += "\\\\";
    else if (bytes == "\r")
      out += "\\r";
    else if (bytes == "\n")
      out += "\\n";
    else
      out += bytes;
  }
};

void append_json_string(std::string &out, std::string_view text) {
  out += '"';
  BoundedText<JsonStringEscape>(out, max_unparsed_text).append(text);
  out += '"';
}

}  // namespace

void append_json(const StreamRecord &record, std::string &out) {
  if (!is_unparsed(record)) return append_one_line(record.raw_json, out);
  out += "{\"parseError\":";
  append_json_string(out, record.parse_error);
  out += ",\"unparsedText\":";
  append_json_string(out, record.unparsed_text);
  out += '}';
}

void append_json(const Alert &alert, std::string &out) { append_one_line(alert.raw_json, out); }

void append_json(const Incident &incident, std::string &out) { append_one_line(incident.raw_json, out); }

}  // namespace defender
