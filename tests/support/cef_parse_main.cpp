// cef-parse: reads lines on stdin (each may carry a syslog prefix before "CEF:") and prints one JSON object per
// line: the header fields and the extension, values unescaped, or {"error":"..."} for a line that is not valid
// CEF. Exits 0 once all input is read; the integration tests judge the lines.
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include "cef_parser.h"

namespace {

// Input was validated as UTF-8, so only the JSON string escapes are needed.
void append_json_string(std::string &out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_member(std::string &out, std::string_view name, std::string_view value) {
  append_json_string(out, name);
  out += ':';
  append_json_string(out, value);
  out += ',';
}

std::string to_json(const defender::test::CefParse &parsed) {
  std::string out = "{";
  if (!parsed.record) {
    append_member(out, "error", parsed.error);
    out.back() = '}';
    return out;
  }
  const auto &r = *parsed.record;
  append_member(out, "version", r.version);
  append_member(out, "vendor", r.vendor);
  append_member(out, "product", r.product);
  append_member(out, "device_version", r.device_version);
  append_member(out, "signature_id", r.signature_id);
  append_member(out, "name", r.name);
  append_member(out, "severity", r.severity);
  out += "\"extension\":{";
  for (const auto &[key, value] : r.extension) append_member(out, key, value);
  if (out.back() == ',') out.pop_back();
  out += "}}";
  return out;
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) std::cout << to_json(defender::test::parse_cef(line)) << '\n';
  return 0;
}
