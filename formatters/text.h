// Untrusted text on its way into an output line: repaired to valid UTF-8, control characters neutralised, and
// cut to a byte limit on a character boundary. Every format shares this; each supplies only its own escaping.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

namespace defender {

// Stands for each byte sequence that is not UTF-8.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD
// Ends a value that was cut to its length limit: a single character, so it cannot be mistaken for text that
// happened to end in dots, and 3 bytes, so every limit we use can hold it.
inline constexpr std::string_view truncation_marker = "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS

// One character of text read from untrusted bytes.
struct TextUnit {
  std::string_view bytes;  // a valid UTF-8 character
  size_t consumed;         // input bytes it stands for
};

// The character at text[pos] (pos < text.size()) as it stands when it is well-formed UTF-8; each maximal
// ill-formed subsequence as one U+FFFD (Unicode's recommended practice, so a bad byte never swallows the good
// bytes after it).
TextUnit next_utf8_character(std::string_view text, size_t pos);

// Whether a character can end or hide a line or a field: every control character (C0 including CR, LF, TAB and
// NUL; DEL; C1, whose NEL ends a line for some readers) and the line and paragraph separators U+2028 and U+2029,
// which some readers (Java's regular expressions among them) take as line ends too.
bool is_line_hazard(std::string_view character);

// Whether text that was written (valid UTF-8) shows nothing: it is empty or every character is white space, as
// Unicode's White_Space property has it (the space that control characters and line breaks become, NBSP, the
// typographic spaces of U+2000 to U+200A, the ideographic space, ...).
bool is_blank(std::string_view text);

// Everything except printable ASCII: see next_text_unit.
TextUnit next_unusual_text_unit(std::string_view text, size_t pos);

constexpr bool is_printable_ascii(char c) { return c >= 0x20 && c < 0x7f; }

constexpr bool is_alphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// A key as CEF and LEEF both allow it: one word of ASCII letters and digits.
constexpr bool is_alphanumeric_word(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_alphanumeric(c)) return false;
  return true;
}

// One character of sanitised text at text[pos] (pos < text.size()): next_utf8_character, with every line hazard
// but CR and LF as a space. CR and LF are kept because formats treat them differently (CEF extension values escape
// them, headers make them spaces).
inline TextUnit next_text_unit(std::string_view text, size_t pos) {
  if (is_printable_ascii(text[pos])) return {std::string_view(text.data() + pos, 1), 1};
  return next_unusual_text_unit(text, pos);
}

// How a format escapes one kind of field. passes(c): this printable ASCII byte is written unchanged, so runs of
// such bytes are copied at once. write(out, bytes): writes any character of sanitised text (TextUnit::bytes).
template <class E>
concept Escaping = requires(std::string &out, std::string_view bytes, char c) {
  { E::passes(c) } -> std::same_as<bool>;
  E::write(out, bytes);
};

// Keeps text on one line and escapes nothing else: CR and LF become spaces, as every other line hazard does.
struct LineBreaksAsSpaces {
  static constexpr bool passes(char) { return true; }
  static void write(std::string &out, std::string_view bytes) {
    out += bytes == "\r" || bytes == "\n" ? std::string_view(" ") : bytes;
  }
};

// The bytes that append_sanitized copies as they are: printable ASCII that the escaping passes.
template <Escaping Escape>
inline constexpr std::array<bool, 256> plain_bytes = [] {
  std::array<bool, 256> plain{};
  for (int c = 0; c < 256; ++c)
    plain[c] = is_printable_ascii(static_cast<char>(c)) && Escape::passes(static_cast<char>(c));
  return plain;
}();

// Appends the sanitised, escaped text; returns its sanitised size in bytes (before escaping).
template <Escaping Escape>
size_t append_sanitized(std::string &out, std::string_view text) {
  size_t used = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = pos;
    while (end < text.size() && plain_bytes<Escape>[static_cast<unsigned char>(text[end])]) ++end;
    out.append(text.data() + pos, end - pos);
    used += end - pos;
    pos = end;
    if (pos == text.size()) break;
    const TextUnit unit = next_text_unit(text, pos);
    Escape::write(out, unit.bytes);
    used += unit.bytes.size();
    pos += unit.consumed;
  }
  return used;
}

// Appends one value, given in one or more pieces, holding at most `limit` bytes of sanitised text, counted before
// escaping as the standards count field lengths. A value that does not fit is cut after the last whole character
// that leaves room for the truncation marker, then ends with the marker; later pieces are ignored.
// Requires limit >= truncation_marker.size().
template <Escaping Escape>
class BoundedText {
 public:
  BoundedText(std::string &out, size_t limit) : out_(out), limit_(limit), cut_at_(out.size()) {}

  void append(std::string_view text) {
    if (truncated_) return;
    // Sanitising at most triples a byte (one bad byte, one U+FFFD), so most pieces cannot reach the limit.
    if (used_ + 3 * text.size() + truncation_marker.size() <= limit_) {
      used_ += append_sanitized<Escape>(out_, text);
      cut_at_ = out_.size();
      return;
    }
    for (size_t pos = 0; pos < text.size();) {
      const TextUnit unit = next_text_unit(text, pos);
      if (used_ + unit.bytes.size() > limit_) {
        // Written output is escaped, so cut where we last had room rather than recount it.
        out_.resize(cut_at_);
        out_ += truncation_marker;
        truncated_ = true;
        return;
      }
      Escape::write(out_, unit.bytes);
      used_ += unit.bytes.size();
      if (used_ + truncation_marker.size() <= limit_) cut_at_ = out_.size();
      pos += unit.consumed;
    }
  }

 private:
  std::string &out_;
  const size_t limit_;
  size_t used_ = 0;  // sanitised bytes written so far
  size_t cut_at_;    // end of the output that still leaves room for the marker
  bool truncated_ = false;
};

}  // namespace defender
