#include "json_format.h"

#include "text.h"

namespace defender {
namespace {

struct JsonLineEscape {
  static constexpr bool passes(char) { return true; }
  static void write(std::string &out, std::string_view bytes) {
    if (bytes == "\r" || bytes == "\n")
      out += ' ';
    else
      out += bytes;
  }
};

}  // namespace

void append_json(const Alert &alert, std::string &out) { append_sanitized<JsonLineEscape>(out, alert.raw_json); }

}  // namespace defender
