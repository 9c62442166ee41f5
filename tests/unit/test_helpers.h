// Shared by the unit tests: their inputs — alert fixture files (alert_fixture.h) and API JSON read by an adapter,
// each failing the test case when it does not load, so a broken input is never mistaken for a behaviour — and an
// alert's `.defender.` fields as a list to compare.
#pragma once

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "alert.h"
#include "alert_fixture.h"
#include "fields.h"
#include "incident.h"
#include "key_values.h"

namespace defender::test {

inline std::string data_path(std::string_view name) {
  return std::string(DEFENDER_TEST_DATA) + "/" + std::string(name);
}

// tests/unit/data/<name>, an alert written with the normalized field names.
inline Alert fixture(std::string_view name) {
  const auto loaded = load_alert_fixture(data_path(name));
  REQUIRE_MESSAGE(loaded.alert.has_value(), loaded.error);
  return *loaded.alert;
}

using Adapter = std::optional<Alert> (*)(const rapidjson::Value &);

// What the adapter makes of the JSON text, which must parse.
inline std::optional<Alert> adapt_json(Adapter adapt, std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), json);
  return adapt(doc);
}

// The non-empty `.defender.` fields as visit_fields gives them: name and value, in order.
template <class Item>
KeyValues fields_of(const Item &item) {
  KeyValues out;
  visit_fields(item, [&](size_t index, std::string_view value) { out.emplace_back(field_name(index), value); });
  return out;
}

}  // namespace defender::test
