#include "record_identity.h"

namespace streamsim {

sim::Ticks record_timestamp(std::uint64_t index) {
  return kFirstTimestamp + static_cast<sim::Ticks>(index) * kTicksBetweenRecords;
}

std::string record_timestamp_text(std::uint64_t index) { return sim::format_iso8601_fixed(record_timestamp(index), 7); }

std::string record_key(std::string_view category, std::string_view timestamp) {
  std::string key;
  key.reserve(category.size() + 1 + timestamp.size());
  key.append(category).append(1, '|').append(timestamp);
  return key;
}

}  // namespace streamsim
