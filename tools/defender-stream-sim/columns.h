// Writes a row's columns into its "properties" object, by what a column holds: free text (where --hostile-rate puts
// its strings), identifiers (ids, hashes, addresses, names of things: as given), numbers, booleans, times, nulls,
// JSON inside a string (AdditionalFields) and nested JSON values.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "defender-sim/timestamp.h"
#include "hostile_text.h"

namespace streamsim {

// Not Writer<StringBuffer>: with RAPIDJSON_SSE2, set for the whole project, RapidJSON 1.1.0 writes that type's
// strings 16 bytes at a time and leaves the control characters 0x1A-0x1F unescaped, which is not JSON. Another stack
// allocator makes another type, whose strings RapidJSON writes byte by byte.
using JsonWriter =
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>>;

class Columns {
 public:
  // `hostile`: set for a hostile record, whose free text it rewrites.
  Columns(JsonWriter &writer, HostileText *hostile) : writer_(writer), hostile_(hostile) {}

  void text(std::string_view name, std::string_view value);
  void id(std::string_view name, std::string_view value);
  // An identifier, or null when there is none.
  void id_or_null(std::string_view name, const std::optional<std::string> &value);
  // Free text that is empty when there is none: written as null, as Advanced Hunting exports a missing string.
  void text_or_null(std::string_view name, std::string_view value);
  void number(std::string_view name, std::int64_t value);
  void boolean(std::string_view name, bool value);
  void time(std::string_view name, sim::Ticks value);
  void null(std::string_view name);
  // JSON text carried as a string, as Defender exports AdditionalFields and similar columns.
  void json_string(std::string_view name, std::string_view json);
  // A JSON array or object written as it is.
  void nested(std::string_view name, std::string_view json);

 private:
  void key(std::string_view name);
  void string(std::string_view value);

  JsonWriter &writer_;
  HostileText *hostile_;
};

}  // namespace streamsim
