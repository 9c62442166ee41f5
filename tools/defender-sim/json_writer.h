#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timestamp.h"

namespace sim {

// A RapidJSON writer with the few shapes the simulator writes: null for absent values and timestamps in the
// services' variable-precision style. Non-ASCII text is written as raw UTF-8, as the services do.
class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}

  JsonWriter &key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }
  void str(std::string_view v) { writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size())); }
  void opt(const std::optional<std::string> &v) { v ? str(*v) : null(); }
  void null() { writer_.Null(); }
  void boolean(bool v) { writer_.Bool(v); }
  void integer(std::int64_t v) { writer_.Int64(v); }
  void number(double v) { writer_.Double(v); }
  void opt_integer(const std::optional<std::int64_t> &v) { v ? integer(*v) : null(); }
  void time(Ticks t) { str(format_iso8601(t)); }
  void opt_time(const std::optional<Ticks> &t) { t ? time(*t) : null(); }
  void strings(const std::vector<std::string> &items) {
    begin_array();
    for (const auto &s : items) str(s);
    end_array();
  }
  void begin_object() { writer_.StartObject(); }
  void end_object() { writer_.EndObject(); }
  void begin_array() { writer_.StartArray(); }
  void end_array() { writer_.EndArray(); }

  // Splices already serialized JSON in as one value.
  void raw(std::string_view json) { writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType); }

  std::string take() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace sim
