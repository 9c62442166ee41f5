// The normalized Streaming API record: one Advanced Hunting row as Microsoft Defender exports it to Event Hubs, what
// the stream envelope reader produces and the stream formatters consume. Plain data. Strings are UTF-8; an empty
// string means the record did not say.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alert.h"
#include "instant.h"

namespace defender {

// The most bytes of text an unparsed record carries: enough to see what was sent, not a copy of a hostile body.
inline constexpr size_t max_unparsed_text = 64 * 1024;

// What a property's value was in JSON: the formatters leave out nulls and empty strings, and write the rest as text.
enum class PropertyKind { string, number, boolean, null, nested };

// The name and the value view the text of the record that holds the property (StreamRecord::property_text).
struct StreamProperty {
  std::string_view name;
  // A string as its content; a number or a boolean as its JSON spelling; null as empty; an object or an array as
  // compact JSON on one line (json_line.h). AdditionalFields and the like are JSON inside a string: they stay strings.
  std::string_view value;
  PropertyKind kind = PropertyKind::string;
};

struct StreamRecord {
  std::string category;  // as given: "AdvancedHunting-<Table>"
  std::string table;     // the category without "AdvancedHunting-", or the category itself when it lacks the prefix
  std::optional<Instant> time;        // the record's `time`: when Defender received the row
  std::optional<Instant> event_time;  // the row's Timestamp, when it is a valid time
  std::string tenant_id;
  std::string machine_group;  // the row's MachineGroup (the device group), often null
  // The row's Severity on the alert scale (AlertInfo, AlertEvidence); unknown for rows without one.
  Severity severity = Severity::unknown;
  std::vector<StreamProperty> properties;  // the row's columns, in the order the row gives them
  // The text the properties' names and values view, one block for the row instead of two strings for each column.
  // Shared by the record's copies and never changed, so a copied or moved record's properties stay valid for as long
  // as the record does; null when the row has no columns.
  std::shared_ptr<const std::string> property_text;

  // The record exactly as sent, compacted to one line of valid UTF-8.
  std::string raw_json;

  // Set when the text could not be read as a record: why, and the text as sent, as valid UTF-8 on one line and at
  // most max_unparsed_text bytes. Such a record has nothing else.
  std::string parse_error;
  std::string unparsed_text;
};

// The message's time: the event's, else the record's; nullopt when neither was given.
inline std::optional<Instant> message_time(const StreamRecord &record) {
  return record.event_time ? record.event_time : record.time;
}

inline bool is_unparsed(const StreamRecord &record) { return !record.parse_error.empty(); }

}  // namespace defender
