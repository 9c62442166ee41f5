#include "alert_version.h"

#include "graph_alert_json.h"
#include "random.h"

namespace sim {
namespace {

constexpr std::string_view kEndpoint = "microsoftDefenderForEndpoint";

}  // namespace

bool AlertVersion::shown_by(Api api) const {
  switch (api) {
    case Api::Graph:
      return true;
    case Api::Alerts:
      return mde.has_value();
    case Api::Siem:
      return siem.has_value();
    case Api::Incidents:
      return false;
  }
  return false;
}

std::vector<std::string> ids_of(std::span<const VersionPtr> versions) {
  std::vector<std::string> ids;
  ids.reserve(versions.size());
  for (const auto &v : versions) ids.push_back(v->id);
  return ids;
}

AlertVersion make_version(const Alert &a, Lifecycle life, std::uint64_t order_seed) {
  std::string json = render_graph_alert(a);
  DeflateSegment deflated = deflate_segment("," + json);
  const bool endpoint = a.service_source == kEndpoint;
  std::optional<SiemRecords> siem;
  // A SIEM record is processed when its detection arrives: the alert's first version, at that version's time.
  if (endpoint && life.first_version()) siem = render_siem_records(a, a.last_update);
  return AlertVersion{
      a.id,
      format_iso8601(a.last_update),
      FilterFields{a.last_update, a.created, a.service_source, a.severity, a.status, a.classification, a.determination,
                   a.assigned_to, a.category, a.detection_source},
      a.incident_id,
      a.title,
      a.system_tags,
      std::move(json),
      std::move(deflated),
      endpoint ? std::optional<MdeAlertJson>{render_mde_alert(a)} : std::nullopt,
      std::move(siem),
      mix_seed(order_seed ^ stable_hash(a.id), static_cast<std::uint64_t>(a.last_update)),
      std::move(life),
  };
}

}  // namespace sim
