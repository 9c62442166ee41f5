// A CEF parser written from the ArcSight CEF Implementation Standard, independently of the formatter it checks.
// Strict where the standard is: whatever our output gets wrong becomes an error here, never a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "key_values.h"

namespace defender::test {

struct CefRecord {
  std::string version;
  std::string vendor;
  std::string product;
  std::string device_version;
  std::string signature_id;
  std::string name;
  std::string severity;
  KeyValues extension;  // in line order, values unescaped

  std::optional<std::string> value(std::string_view key) const { return value_of(extension, key); }
  bool operator==(const CefRecord &) const = default;
};

struct CefParse {
  std::optional<CefRecord> record;
  std::string error;  // set when record is empty
};

// Parses one line (without its newline), which may carry a syslog prefix before "CEF:". Rejects: no "CEF:"
// header, a non-integer version, fewer than 7 header fields, a backslash in the header not followed by '\' or
// '|', a severity other than 0-10 or Unknown/Low/Medium/High/Very-High, a key that is not alphanumeric, a
// duplicate key, an unescaped '=' inside a value, an extension escape other than \\ \= \n \r, invalid UTF-8, and
// raw ASCII control characters (C0 and DEL). As the standard says, spaces before a key except the last belong to
// the previous value, and trailing spaces of the final value are dropped.
CefParse parse_cef(std::string_view line);

}  // namespace defender::test
