#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alert_lifecycle.h"
#include "alert_model.h"
#include "api_kind.h"
#include "gzip.h"
#include "mde_alert_json.h"
#include "odata_filter.h"
#include "siem_records.h"

namespace sim {

// One version of an alert as served: rendered once for every API that shows it, then only copied into pages.
struct AlertVersion {
  std::string id;
  std::string last_update_text;  // exactly as in the JSON
  FilterFields fields;
  std::string incident_id;               // what its incident is made of:
  std::string title;                     //   its name comes from the alerts' titles,
  std::vector<std::string> system_tags;  //   its system tags are theirs
  std::string graph_json;
  DeflateSegment graph_json_after_comma;  // "," + graph_json, compressed once for gzip pages
  std::optional<MdeAlertJson> mde;        // Defender for Endpoint alerts only: the alerts API
  std::optional<SiemRecords> siem;        // and their first version only: the SIEM API's detection records
  std::uint64_t order_key = 0;            // place in the alerts API's fixed pseudo-random order
  Lifecycle life;                         // rebuilds the alert for its next version

  bool shown_by(Api api) const;
};

using VersionPtr = std::shared_ptr<const AlertVersion>;

// The ids of a run of versions.
std::vector<std::string> ids_of(std::span<const VersionPtr> versions);

// `order_seed` fixes the alerts API's order for one simulator run; a new version gets a new place in it.
AlertVersion make_version(const Alert &alert, Lifecycle life, std::uint64_t order_seed);

}  // namespace sim
