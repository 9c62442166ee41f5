#include "incident_json.h"

#include "graph_alert_json.h"
#include "json_writer.h"

namespace sim {

std::string render_incident(const Incident &i) {
  JsonWriter w;
  w.begin_object();
  w.key("@odata.type").str("#microsoft.graph.security.incident");
  w.key("id").str(i.id);
  w.key("tenantId").str(i.tenant_id);
  w.key("status").str(i.status);
  w.key("severity").str(i.severity);
  w.key("classification").str(i.classification);
  w.key("determination").str(i.determination);
  w.key("assignedTo").opt(i.assigned_to);
  w.key("displayName").str(i.display_name);
  w.key("description").opt(i.description);
  w.key("summary").str(i.summary);
  w.key("incidentWebUrl").str(i.incident_web_url);
  w.key("redirectIncidentId").opt(i.redirect_incident_id);
  w.key("createdDateTime").time(i.created);
  w.key("lastUpdateDateTime").time(i.last_update);
  w.key("lastModifiedBy").str(i.last_modified_by);
  w.key("resolvingComment").opt(i.resolving_comment);
  w.key("priorityScore").opt_integer(i.priority_score);
  w.key("customTags").strings(i.custom_tags);
  w.key("systemTags").strings(i.system_tags);
  write_graph_comments(w, i.comments);
  w.end_object();
  return w.take();
}

}  // namespace sim
