#pragma once

#include <string>
#include <vector>

#include "alert_model.h"

namespace sim {

// One detection record of the legacy SIEM API (docs/microsoft-apis.md, "SIEM API" and "Documented examples"): the 50
// flat PascalCase keys of the sample, "" for absent strings, rendered once. What the query options filter on is kept
// beside the JSON.
struct SiemRecord {
  std::string full_id;  // <AlertId>:<IocUniqueId>
  std::string machine_group;
  std::vector<std::string> device_tags;  // DeviceCreatedMachineTags
  std::vector<std::string> cloud_tags;   // CloudCreatedMachineTags
  std::string json;
};

// The records an endpoint alert's detection produced: one per indicator (each process, each file, the network
// destination), all processed at `last_processed`. Records never change once written (docs/microsoft-apis.md,
// "SIEM API"), so only an alert's first version makes them.
struct SiemRecords {
  Ticks last_processed = 0;
  std::vector<SiemRecord> records;
};

SiemRecords render_siem_records(const Alert &alert, Ticks last_processed);

}  // namespace sim
