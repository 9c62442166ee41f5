#include "incident_version.h"

#include "incident_json.h"

namespace sim {

IncidentPtr make_incident_version(const Incident &i) {
  return std::make_shared<const IncidentVersion>(IncidentVersion{
      i.id,
      format_iso8601(i.last_update),
      FilterFields{
          i.last_update, i.created, {}, i.severity, i.status, i.classification, i.determination, i.assigned_to, {}, {}},
      i.redirect_incident_id,
      i.alert_ids,
      render_incident(i),
  });
}

}  // namespace sim
