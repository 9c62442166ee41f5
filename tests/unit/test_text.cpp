// Sanitising untrusted text: UTF-8 repair, control characters, and cutting to a byte limit.
#include <doctest/doctest.h>

#include <string>

#include "text.h"

using namespace std::string_literals;
using defender::BoundedText;

namespace {

struct Verbatim {
  static constexpr bool passes(char) { return true; }
  static void write(std::string &out, std::string_view bytes) { out += bytes; }
};

// Escapes '=' as "\=", to show where limits are counted.
struct EscapeEquals {
  static constexpr bool passes(char c) { return c != '='; }
  static void write(std::string &out, std::string_view bytes) {
    if (bytes == "=") out += '\\';
    out += bytes;
  }
};

std::string sanitized(std::string_view text) {
  std::string out;
  defender::append_sanitized<Verbatim>(out, text);
  return out;
}

std::string bounded(std::string_view text, size_t limit) {
  std::string out;
  BoundedText<Verbatim>(out, limit).append(text);
  return out;
}

const std::string fffd = "\xEF\xBF\xBD";
const std::string ellipsis = "\xE2\x80\xA6";

}  // namespace

TEST_CASE("valid UTF-8 passes unchanged") {
  const std::string text = "ascii, Överåsen, 東京, \xF0\x9F\x94\xA5, U+10FFFF \xF4\x8F\xBF\xBF";
  CHECK(sanitized(text) == text);
}

TEST_CASE("CR and LF pass unchanged, for each format to handle") { CHECK(sanitized("a\r\nb") == "a\r\nb"); }

TEST_CASE("other C0 controls, NUL, TAB and DEL become spaces") {
  CHECK(sanitized("a\0b"s) == "a b");
  CHECK(sanitized("a\tb\x01"
                  "c\x1f"
                  "d\x7f"
                  "e") == "a b c d e");
}

TEST_CASE("C1 controls become one space each") {
  CHECK(sanitized("a\xC2\x85"
                  "b\xC2\x80\xC2\x9F"
                  "c") == "a b  c");
  CHECK(sanitized("\xC2\xA0") == "\xC2\xA0");  // U+00A0 is no control
}

TEST_CASE("the line and paragraph separators U+2028 and U+2029 become one space each") {
  CHECK(sanitized("a\xE2\x80\xA8"
                  "b\xE2\x80\xA9"
                  "c\xE2\x80\xAA") == "a b c\xE2\x80\xAA");
}

TEST_CASE("a stray continuation byte becomes one U+FFFD") {
  CHECK(sanitized("a\x80"
                  "b") == "a" + fffd + "b");
}

TEST_CASE("bytes that never start a character become U+FFFD each") {
  CHECK(sanitized("\xC0\xC1\xF5\xFF") == fffd + fffd + fffd + fffd);
}

TEST_CASE("an overlong form becomes one U+FFFD per byte") {
  CHECK(sanitized("\xC0\xAF") == fffd + fffd);
  CHECK(sanitized("\xE0\x80\xAF") == fffd + fffd + fffd);
}

TEST_CASE("an encoded surrogate becomes U+FFFD per byte") { CHECK(sanitized("\xED\xA0\x80") == fffd + fffd + fffd); }

TEST_CASE("a code point above U+10FFFF becomes U+FFFD per byte") {
  CHECK(sanitized("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);
}

TEST_CASE("a truncated sequence becomes one U+FFFD and keeps the character after it") {
  CHECK(sanitized("\xE6\x9D"
                  "a") == fffd + "a");
  CHECK(sanitized("\xF0\x9F\x94"
                  "b") == fffd + "b");
  CHECK(sanitized("end\xF0\x9F") == "end" + fffd);
}

TEST_CASE("BoundedText keeps text that fits exactly") { CHECK(bounded("abcdef", 6) == "abcdef"); }

TEST_CASE("BoundedText cuts text one byte too long and ends it with the marker inside the limit") {
  CHECK(bounded("abcdefg", 6) == "abc" + ellipsis);
}

TEST_CASE("BoundedText never splits a character") {
  // 'a' + four 4-byte characters = 17 bytes; limit 12 leaves 9 for text: 'a' + two characters.
  CHECK(bounded("a\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5", 12) ==
        "a\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5" + ellipsis);
}

TEST_CASE("BoundedText counts a replacement character as its 3 bytes") {
  CHECK(bounded("\xFF\xFF", 6) == fffd + fffd);
  CHECK(bounded("\xFF\xFF"
                "a",
                6) == fffd + ellipsis);
}

TEST_CASE("append_sanitized returns the size before escaping") {
  std::string out;
  CHECK(defender::append_sanitized<EscapeEquals>(out, "a=b\xFF") == 6);
  CHECK(out == "a\\=b" + fffd);
}

TEST_CASE("BoundedText counts bytes before escaping") {
  std::string out;
  BoundedText<EscapeEquals>(out, 5).append("=====");
  CHECK(out == "\\=\\=\\=\\=\\=");
}

TEST_CASE("BoundedText cuts escaped output at a character boundary") {
  std::string out = "key=";
  BoundedText<EscapeEquals>(out, 5).append("======");
  CHECK(out == "key=\\=\\=" + ellipsis);
}

TEST_CASE("BoundedText cuts inside a later piece after earlier pieces that fit") {
  std::string out;
  BoundedText<Verbatim> value(out, 20);
  value.append("abcd");
  value.append("efgh");
  value.append("ijklmnopqrstu");
  CHECK(out == "abcdefghijklmnopq" + ellipsis);
}

TEST_CASE("BoundedText keeps room for the marker after a piece that replacement characters fill") {
  std::string out;
  BoundedText<Verbatim> value(out, 18);
  value.append("\xFF\xFF\xFF\xFF\xFF\xFF");
  value.append("a");
  CHECK(out == fffd + fffd + fffd + fffd + fffd + ellipsis);
}

TEST_CASE("BoundedText limits a value given in pieces as a whole and ignores pieces after the cut") {
  std::string out;
  BoundedText<Verbatim> value(out, 8);
  value.append("T1001");
  value.append(",");
  value.append("T1002");
  value.append(",");
  value.append("T1003");
  CHECK(out == "T1001" + ellipsis);
}
