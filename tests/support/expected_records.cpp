#include "expected_records.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cef_mapping.h"
#include "event_identity.h"
#include "fields.h"
#include "leef_mapping.h"

namespace defender::test {
namespace {

constexpr std::string_view ellipsis = "\xE2\x80\xA6";
constexpr std::string_view fffd = "\xEF\xBF\xBD";

// Unicode 15 table 3-7, well-formed UTF-8 byte sequences: the lead byte range, then the range of each next byte.
struct ByteRange {
  uint8_t low, high;
};
struct Row {
  ByteRange lead;
  std::array<ByteRange, 3> next;
  size_t length;
};
constexpr ByteRange tail{0x80, 0xBF};
constexpr std::array<Row, 8> table_3_7{{
    {{0xC2, 0xDF}, {tail}, 2},
    {{0xE0, 0xE0}, {ByteRange{0xA0, 0xBF}, tail}, 3},
    {{0xE1, 0xEC}, {tail, tail}, 3},
    {{0xED, 0xED}, {ByteRange{0x80, 0x9F}, tail}, 3},
    {{0xEE, 0xEF}, {tail, tail}, 3},
    {{0xF0, 0xF0}, {ByteRange{0x90, 0xBF}, tail, tail}, 4},
    {{0xF1, 0xF3}, {tail, tail, tail}, 4},
    {{0xF4, 0xF4}, {ByteRange{0x80, 0x8F}, tail, tail}, 4},
}};

bool in(ByteRange r, unsigned char b) { return b >= r.low && b <= r.high; }

// Valid UTF-8 with controls as spaces (CR and LF kept).
std::string sanitised(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += (b < 0x20 && b != '\r' && b != '\n') || b == 0x7F ? ' ' : static_cast<char>(b);
      ++i;
      continue;
    }
    const Row *row = nullptr;
    for (const Row &r : table_3_7)
      if (in(r.lead, b)) row = &r;
    if (!row) {
      out += fffd;
      ++i;
      continue;
    }
    size_t matched = 1;  // bytes of the sequence that fit the table
    while (matched < row->length && i + matched < s.size() &&
           in(row->next[matched - 1], static_cast<unsigned char>(s[i + matched])))
      ++matched;
    if (matched < row->length) {
      out += fffd;  // the maximal subpart stands for one U+FFFD
    } else if (b == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
      out += ' ';  // C1 control
    } else if (s.substr(i, matched) == "\xE2\x80\xA8" || s.substr(i, matched) == "\xE2\x80\xA9") {
      out += ' ';  // line and paragraph separators
    } else {
      out.append(s.substr(i, matched));
    }
    i += matched;
  }
  return out;
}

std::string replaced(std::string s, std::string_view bytes) {
  for (char &c : s)
    if (bytes.find(c) != std::string_view::npos) c = ' ';
  return s;
}

std::string cut(std::string s, size_t limit) {
  if (s.size() <= limit) return s;
  size_t end = 0;
  for (size_t next = 0; next <= limit - ellipsis.size();) {
    end = next;
    if (next == s.size()) break;
    do ++next;
    while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80);
  }
  s.resize(end);
  return s + std::string(ellipsis);
}

std::string epoch_ms(Instant t) {
  const int64_t q = t.ticks / 10'000;
  return std::to_string(t.ticks % 10'000 < 0 ? q - 1 : q);
}

std::string severity_number(Severity s) {
  switch (s) {
    case Severity::informational:
      return "1";
    case Severity::low:
      return "3";
    case Severity::medium:
      return "5";
    case Severity::high:
      return "8";
    case Severity::unknown:
      return "0";
  }
  return "0";
}

struct ValueRules {
  std::string_view spaced;  // bytes that become spaces
  std::string_view yes, no;
};

// The value a key carries, or nothing when the field is not given.
template <class Item>
std::optional<std::string> value_of(const Item &item, Field field, size_t limit, const ValueRules &rules) {
  const FieldValue value = field_value(item, field);
  if (const auto *text = std::get_if<std::string_view>(&value)) {
    if (text->empty()) return std::nullopt;
    return cut(replaced(sanitised(*text), rules.spaced), limit);
  }
  if (const auto *time = std::get_if<std::optional<Instant>>(&value)) {
    if (!*time) return std::nullopt;
    return epoch_ms(**time);
  }
  if (const auto *yes = std::get_if<std::optional<bool>>(&value)) {
    if (!*yes) return std::nullopt;
    return std::string(**yes ? rules.yes : rules.no);
  }
  if (const auto *number = std::get_if<std::optional<int64_t>>(&value)) {
    if (!*number) return std::nullopt;
    return std::to_string(**number);
  }
  std::string joined;
  for (const std::string &item : std::get<std::span<const std::string>>(value)) {
    if (item.empty()) continue;
    if (!joined.empty()) joined += ',';
    joined += replaced(sanitised(item), rules.spaced);
  }
  if (joined.empty()) return std::nullopt;
  return cut(joined, limit);
}

std::string header_text(std::string_view text, size_t limit, std::string_view spaced) {
  return cut(replaced(sanitised(text), spaced), limit);
}

// Unicode's White_Space property (PropList.txt).
bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Whether valid UTF-8 text is empty or white space only.
bool blank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? b : b & (0xFF >> (length + 1));
    for (size_t k = 1; k < length; ++k) c = c << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (!is_white_space(c)) return false;
    i += length;
  }
  return true;
}

// A header field the standard requires: the first choice whose text is not blank (the last one never is).
std::string required_header_text(const std::vector<std::string_view> &choices, size_t limit, std::string_view spaced) {
  std::string text;
  for (const std::string_view choice : choices)
    if (!blank(text = header_text(choice, limit, spaced))) break;
  return text;
}

// What names an item in the header: the product, the event id's and (CEF) the name's choices.
struct Identity {
  std::string_view product;
  std::vector<std::string_view> event_ids;
  std::vector<std::string_view> names;
};

template <class Item, size_t N>
LeefRecord expected_leef(const Item &item, const Identity &identity, const std::array<LeefKey, N> &keys,
                         std::string version, char delimiter) {
  LeefRecord r;
  const std::string spaced_in_values{'\r', '\n', delimiter};
  const std::string spaced_in_header = spaced_in_values + '|';
  r.version = std::move(version);
  r.vendor = "Microsoft";
  r.product = header_text(identity.product, leef_product_limit, spaced_in_header);
  r.product_version = header_text(DEFENDER_VERSION, leef_version_limit, spaced_in_header);
  r.event_id = required_header_text(identity.event_ids, leef_event_id_limit, spaced_in_header);
  r.delimiter = std::string(1, delimiter);
  const ValueRules rules{spaced_in_values, "true", "false"};
  for (const LeefKey &key : keys) {
    if (key.source == Field::severity) {
      if (item.severity != Severity::unknown) r.attributes.emplace_back(key.key, severity_number(item.severity));
    } else if (auto value = value_of(item, key.source, key.limit, rules)) {
      r.attributes.emplace_back(key.key, std::move(*value));
    }
  }
  return r;
}

template <class Item, size_t N>
CefRecord expected_cef(const Item &item, const Identity &identity, const std::array<CefKey, N> &keys) {
  CefRecord r;
  r.version = "0";
  r.vendor = "Microsoft";
  r.product = header_text(identity.product, cef_product_limit, "\r\n");
  r.device_version = header_text(DEFENDER_VERSION, cef_version_limit, "\r\n");
  r.signature_id = required_header_text(identity.event_ids, cef_event_class_id_limit, "\r\n");
  r.name = required_header_text(identity.names, cef_name_limit, "\r\n");
  r.severity = severity_number(item.severity);
  const ValueRules rules{"", "1", "0"};
  for (const CefKey &key : keys) {
    auto value = value_of(item, key.source, key.limit, rules);
    if (!value) continue;
    r.extension.emplace_back(key.key, std::move(*value));
    if (!key.label.empty()) r.extension.emplace_back(std::string(key.key) + "Label", key.label);
  }
  return r;
}

Identity identity_of(const Alert &alert) {
  return {product_name(alert.service_source),
          {alert.detector_id, alert.category, "alert"},
          {alert.title, alert.category, "Microsoft Defender alert"}};
}

// An incident correlates the alerts of every product; its event id is a constant.
Identity identity_of(const Incident &incident) {
  return {"Microsoft Defender XDR", {"incident"}, {incident.display_name, "Microsoft Defender incident"}};
}

}  // namespace

CefRecord expected_cef(const Alert &alert) { return expected_cef(alert, identity_of(alert), cef_extension_keys); }

CefRecord expected_cef(const Incident &incident) {
  return expected_cef(incident, identity_of(incident), cef_incident_keys);
}

LeefRecord expected_leef1(const Alert &alert) {
  return expected_leef(alert, identity_of(alert), leef_attribute_keys, "1.0", '\t');
}

LeefRecord expected_leef1(const Incident &incident) {
  return expected_leef(incident, identity_of(incident), leef_incident_keys, "1.0", '\t');
}

LeefRecord expected_leef2(const Alert &alert, char delimiter) {
  return expected_leef(alert, identity_of(alert), leef_attribute_keys, "2.0", delimiter);
}

LeefRecord expected_leef2(const Incident &incident, char delimiter) {
  return expected_leef(incident, identity_of(incident), leef_incident_keys, "2.0", delimiter);
}

}  // namespace defender::test
