// Test alerts written as JSON: a flat object keyed by the normalized field names (fields.h), the same names a
// reader of `.defender.*` sees. Times are ISO 8601 strings, severity its lowercase name, mitre_techniques an
// array of strings, yes-or-no fields true or false; "json" is either a string (taken verbatim as raw_json) or any
// JSON value (compacted).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "alert.h"

namespace defender::test {

struct AlertFixture {
  std::optional<Alert> alert;
  std::string error;  // set when alert is empty: an unknown name, a wrong type, a bad time
};

AlertFixture parse_alert_fixture(std::string_view json);
AlertFixture load_alert_fixture(const std::string &path);

}  // namespace defender::test
