// One Streaming API record as Defender exports it to Event Hubs: {"time", "tenantId", "operationName", "category",
// "_TimeReceivedBySvc", "properties": {"Timestamp", <the table's columns>}}, compact JSON, valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "estate.h"
#include "tables.h"

namespace streamsim {

struct RecordSettings {
  std::uint64_t seed = 1;
  std::string tenant_id;
  unsigned hostile_percent = 0;  // the share of records with hostile free text, 0-100
};

class RecordMaker {
 public:
  explicit RecordMaker(RecordSettings settings);

  // Record `index` of the run, a row of `table`: the same seed, table and index give the same bytes.
  std::string make(TableId table, std::uint64_t index) const;

 private:
  RecordSettings settings_;
  Estate estate_;
};

}  // namespace streamsim
