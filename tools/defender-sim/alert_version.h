#pragma once

#include <cstdint>
#include <string>

#include "alert_model.h"
#include "gzip.h"
#include "odata_filter.h"

namespace sim {

// One version of an alert as served: rendered once when made, then only copied into pages.
struct AlertVersion {
  std::string id;
  std::string last_update_text;  // exactly as in the JSON
  FilterFields fields;
  std::string graph_json;
  DeflateSegment graph_json_after_comma;  // "," + graph_json, compressed once for gzip pages
  std::uint64_t generator_index = 0;  // regenerates the alert for later versions
};

AlertVersion make_version(const Alert& alert, std::uint64_t generator_index);

}  // namespace sim
