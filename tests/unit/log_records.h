// What the code under test logs, kept as records a test compares: the unit tests' one log callback.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "boundary/core.h"
#include "reporting/logger.h"

namespace defender::test {

struct LogRecord {
  DefenderLogLevel level;
  std::string message;
  Logger::Tags tags;  // in the order logged

  // The tag's value; empty when the record has no such tag.
  std::string tag(std::string_view name) const {
    for (const auto &[key, value] : tags)
      if (key == name) return value;
    return {};
  }
};

using LogRecords = std::vector<LogRecord>;

// A DefenderLogFn whose user data is a LogRecords.
inline void record_log(void *records, DefenderLogLevel level, const char *message, const DefenderLogTag *tags,
                       size_t count) {
  LogRecord record{level, message, {}};
  for (size_t i = 0; i < count; ++i) record.tags.emplace_back(tags[i].name, tags[i].value);
  static_cast<LogRecords *>(records)->push_back(std::move(record));
}

inline Logger recording_logger(LogRecords &records) { return Logger(record_log, &records, {}); }

inline LogRecords at_level(const LogRecords &records, DefenderLogLevel level) {
  LogRecords out;
  for (const auto &record : records)
    if (record.level == level) out.push_back(record);
  return out;
}

}  // namespace defender::test
