// A LEEF 1.0 / 2.0 parser written from IBM's QRadar LEEF guide, independently of the formatter it checks.
// Strict where the guide is: whatever our output gets wrong becomes an error here, never a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "key_values.h"

namespace defender::test {

struct LeefRecord {
  std::string version;  // "1.0" or "2.0"
  std::string vendor;
  std::string product;
  std::string product_version;
  std::string event_id;
  std::string delimiter;  // the attribute delimiter as UTF-8: TAB for LEEF 1.0
  KeyValues attributes;   // in line order

  std::optional<std::string> value(std::string_view key) const { return value_of(attributes, key); }
  bool operator==(const LeefRecord &) const = default;
};

struct LeefParse {
  std::optional<LeefRecord> record;
  std::string error;  // set when record is empty
};

// Parses one line (without its newline), which may carry a syslog prefix before "LEEF:". Rejects: no "LEEF:"
// header, a version other than 1.0 and 2.0, fewer header fields than the version has, a LEEF 2.0 delimiter field
// that is neither one character nor x or 0x and 1-4 hex digits (empty means TAB), an event id over 255
// characters, an attribute without '=', a key that is not alphanumeric, a duplicate key, a usrName over 255
// characters, invalid UTF-8, CR, LF or NUL anywhere, and any other ASCII control character that is not the
// delimiter. Values are taken as they stand: LEEF has no escape, only the first '=' splits key from value.
LeefParse parse_leef(std::string_view line);

}  // namespace defender::test
