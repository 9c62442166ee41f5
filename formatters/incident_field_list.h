// The fields an incident has, in its output order: define DEFENDER_INCIDENT_FIELD(name), then include this file (it
// undefines the macro at its end). Each name is an enumerator of Field (field_list.h): a name an alert has too means
// the same thing there (id, severity, status, incident_url, ...).
#ifndef DEFENDER_INCIDENT_FIELD
#error "define DEFENDER_INCIDENT_FIELD(name) before including incident_field_list.h"
#endif

DEFENDER_INCIDENT_FIELD(id)
DEFENDER_INCIDENT_FIELD(display_name)
DEFENDER_INCIDENT_FIELD(description)
DEFENDER_INCIDENT_FIELD(summary)
DEFENDER_INCIDENT_FIELD(severity)
DEFENDER_INCIDENT_FIELD(severity_text)
DEFENDER_INCIDENT_FIELD(updated)
DEFENDER_INCIDENT_FIELD(created)
DEFENDER_INCIDENT_FIELD(status)
DEFENDER_INCIDENT_FIELD(classification)
DEFENDER_INCIDENT_FIELD(determination)
DEFENDER_INCIDENT_FIELD(assigned_to)
DEFENDER_INCIDENT_FIELD(tenant_id)
DEFENDER_INCIDENT_FIELD(incident_url)
DEFENDER_INCIDENT_FIELD(redirect_incident_id)
DEFENDER_INCIDENT_FIELD(custom_tags)
DEFENDER_INCIDENT_FIELD(system_tags)
DEFENDER_INCIDENT_FIELD(last_modified_by)
DEFENDER_INCIDENT_FIELD(resolving_comment)
DEFENDER_INCIDENT_FIELD(priority_score)
DEFENDER_INCIDENT_FIELD(comment_count)
DEFENDER_INCIDENT_FIELD(latest_comment)
DEFENDER_INCIDENT_FIELD(latest_comment_author)
DEFENDER_INCIDENT_FIELD(latest_comment_time)
DEFENDER_INCIDENT_FIELD(alert_count)
DEFENDER_INCIDENT_FIELD(alert_ids)
DEFENDER_INCIDENT_FIELD(alert_titles)
DEFENDER_INCIDENT_FIELD(mitre_techniques)
DEFENDER_INCIDENT_FIELD(devices)
DEFENDER_INCIDENT_FIELD(users)
DEFENDER_INCIDENT_FIELD(json)  // the incident as the API sent it (raw_json)

#undef DEFENDER_INCIDENT_FIELD
