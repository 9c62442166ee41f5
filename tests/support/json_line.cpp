#include "json_line.h"

#include <cstdio>
#include <iostream>

namespace defender::test {
namespace {

void append_json_string(std::string &out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
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

void append_members(std::string &out, const KeyValues &members) {
  for (const auto &[name, value] : members) {
    if (out.back() != '{') out += ',';
    append_json_string(out, name);
    out += ':';
    append_json_string(out, value);
  }
}

}  // namespace

std::string json_object(const KeyValues &members) {
  std::string out = "{";
  append_members(out, members);
  return out + "}";
}

std::string json_record(const KeyValues &members, std::string_view list_name, const KeyValues &list) {
  std::string out = "{";
  append_members(out, members);
  out += ',';
  append_json_string(out, list_name);
  out += ':' + json_object(list) + "}";
  return out;
}

int print_each_line(const std::function<std::string(std::string_view line)> &to_json) {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) std::cout << to_json(line) << '\n';
  return 0;
}

}  // namespace defender::test
