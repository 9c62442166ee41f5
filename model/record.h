// What a source delivers, one version at a time: an alert or an incident. The poller, the cursor and the formatters
// take either; what differs between the two is read through the functions below.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "alert.h"
#include "incident.h"

namespace defender {

using Record = std::variant<Alert, Incident>;

// What names a version together with its paging time: the SIEM API's record id when an alert has one, else the id.
inline const std::string &version_id(const Record &record) {
  if (const auto *alert = std::get_if<Alert>(&record)) return alert->record_id.empty() ? alert->id : alert->record_id;
  return std::get<Incident>(record).id;
}

inline Instant updated_of(const Record &record) {
  return std::visit([](const auto &item) { return item.updated; }, record);
}

inline std::optional<Instant> created_of(const Record &record) {
  return std::visit([](const auto &item) { return item.created; }, record);
}

// The item as the API returned it, compacted to one line (the adapters leave it to the page reader).
inline std::string &raw_json_of(Record &record) {
  return std::visit([](auto &item) -> std::string & { return item.raw_json; }, record);
}

}  // namespace defender
