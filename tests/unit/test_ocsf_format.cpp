// format(ocsf) beyond the goldens: exact JSON text for hostile strings (stream records: test_ocsf_stream.cpp).
#include <doctest/doctest.h>

#include <string>

#include "json_writer.h"

using defender::append_json_string;

namespace {

std::string quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("a JSON string escapes quotes, backslashes and every character that could end or hide a line") {
  CHECK(quoted("a\"b\\c") == R"("a\"b\\c")");
  CHECK(quoted(std::string("\r\n\t\0\x7f", 5)) == R"("\u000d\u000a\u0009\u0000\u007f")");
  CHECK(quoted("\xC2\x85|\xE2\x80\xA8|\xE2\x80\xA9") == R"("\u0085|\u2028|\u2029")");
  CHECK(quoted("T\xC3\xB6kyo \xE6\x9D\xB1 \xF0\x9F\x94\xA5") == "\"T\xC3\xB6kyo \xE6\x9D\xB1 \xF0\x9F\x94\xA5\"");
}

TEST_CASE("invalid UTF-8 in a JSON string becomes U+FFFD, one per ill-formed sequence") {
  CHECK(quoted("a\xff\xfe"
               "b") ==
        "\"a\xEF\xBF\xBD\xEF\xBF\xBD"
        "b\"");
}
