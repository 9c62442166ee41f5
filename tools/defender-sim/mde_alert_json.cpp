#include "mde_alert_json.h"

#include "json_writer.h"
#include "mde_enums.h"
#include "number_text.h"
#include "random.h"

namespace sim {
namespace {

// One evidence item in the alerts API's flat shape: every key is present, null where it does not apply.
struct FlatEvidence {
  std::string_view entity_type;
  Ticks created = 0;
  OptString sha1, sha256, file_name, file_path;
  std::optional<std::int64_t> process_id;
  OptString process_command_line;
  std::optional<Ticks> process_created;
  std::optional<std::int64_t> parent_process_id;
  std::optional<Ticks> parent_process_created;
  OptString parent_file_name, parent_file_path;
  OptString ip_address, url;
  OptString registry_key, registry_hive, registry_value_type, registry_value;
  OptString account_name, domain_name, user_sid, aad_user_id, user_principal_name;
  OptString detection_status;
};

FlatEvidence flat(std::string_view entity_type, Ticks created) {
  FlatEvidence f;
  f.entity_type = entity_type;
  f.created = created;
  return f;
}

void set_user(FlatEvidence &f, const UserAccount &u) {
  f.account_name = u.account_name;
  f.domain_name = u.domain_name;
  f.user_sid = u.user_sid;
  f.aad_user_id = u.azure_ad_user_id;
  f.user_principal_name = u.user_principal_name;
}

void set_file(FlatEvidence &f, const FileDetails &d) {
  f.sha1 = d.sha1;
  f.sha256 = d.sha256;
  f.file_name = d.file_name;
  f.file_path = d.file_path;
}

// Graph's typed evidence -> the flat entity; devices are not evidence here (the alert names its machine).
struct Flatten {
  std::optional<FlatEvidence> operator()(const ProcessEvidence &e) const {
    FlatEvidence f = flat("Process", e.base.created);
    set_file(f, e.image_file);
    f.process_id = e.process_id;
    f.process_command_line = e.process_command_line;
    f.process_created = e.process_created;
    f.parent_process_id = e.parent_process_id;
    f.parent_process_created = e.parent_process_created;
    if (e.parent_process_image_file) {
      f.parent_file_name = e.parent_process_image_file->file_name;
      f.parent_file_path = e.parent_process_image_file->file_path;
    }
    f.detection_status = to_mde_nullable(mde_detection_statuses(), e.detection_status);
    return f;
  }
  std::optional<FlatEvidence> operator()(const FileEvidence &e) const {
    FlatEvidence f = flat("File", e.base.created);
    set_file(f, e.file_details);
    f.detection_status = to_mde_nullable(mde_detection_statuses(), e.detection_status);
    return f;
  }
  std::optional<FlatEvidence> operator()(const UserEvidence &e) const {
    FlatEvidence f = flat("User", e.base.created);
    set_user(f, e.user_account);
    return f;
  }
  std::optional<FlatEvidence> operator()(const IpEvidence &e) const {
    FlatEvidence f = flat("Ip", e.base.created);
    f.ip_address = e.ip_address;
    return f;
  }
  std::optional<FlatEvidence> operator()(const UrlEvidence &e) const {
    FlatEvidence f = flat("Url", e.base.created);
    f.url = e.url;
    return f;
  }
  std::optional<FlatEvidence> operator()(const RegistryKeyEvidence &e) const {
    FlatEvidence f = flat("Registry", e.base.created);
    f.registry_key = e.registry_key;
    f.registry_hive = e.registry_hive;
    return f;
  }
  std::optional<FlatEvidence> operator()(const RegistryValueEvidence &e) const {
    FlatEvidence f = flat("Registry", e.base.created);
    f.registry_key = e.registry_key;
    f.registry_hive = e.registry_hive;
    f.registry_value_type = e.registry_value_type;
    f.registry_value = e.registry_value;
    return f;
  }
  template <typename Other>
  std::optional<FlatEvidence> operator()(const Other &) const {
    return std::nullopt;
  }
};

void write_evidence(JsonWriter &w, const FlatEvidence &f) {
  w.begin_object();
  w.key("entityType").str(f.entity_type);
  w.key("evidenceCreationTime").time(f.created);
  w.key("sha1").opt(f.sha1);
  w.key("sha256").opt(f.sha256);
  w.key("fileName").opt(f.file_name);
  w.key("filePath").opt(f.file_path);
  w.key("processId").opt_integer(f.process_id);
  w.key("processCommandLine").opt(f.process_command_line);
  w.key("processCreationTime").opt_time(f.process_created);
  w.key("parentProcessId").opt_integer(f.parent_process_id);
  w.key("parentProcessCreationTime").opt_time(f.parent_process_created);
  w.key("parentProcessFileName").opt(f.parent_file_name);
  w.key("parentProcessFilePath").opt(f.parent_file_path);
  w.key("ipAddress").opt(f.ip_address);
  w.key("url").opt(f.url);
  w.key("registryKey").opt(f.registry_key);
  w.key("registryHive").opt(f.registry_hive);
  w.key("registryValueType").opt(f.registry_value_type);
  w.key("registryValue").opt(f.registry_value);
  w.key("accountName").opt(f.account_name);
  w.key("domainName").opt(f.domain_name);
  w.key("userSid").opt(f.user_sid);
  w.key("aadUserId").opt(f.aad_user_id);
  w.key("userPrincipalName").opt(f.user_principal_name);
  w.key("detectionStatus").opt(f.detection_status);
  w.end_object();
}

// The automated investigation is not in Graph's model; it is drawn from the alert id so that it stays the same
// investigation across versions, while its state follows the alert's status.
struct Investigation {
  std::optional<std::int64_t> id;
  std::string_view state;
};

Investigation investigation_of(const Alert &a) {
  Rng r(stable_hash(a.id) ^ 0x1A7E5717ULL);
  if (r.chance(25)) return {std::nullopt, "UnsupportedAlertType"};
  const std::int64_t id = r.between(10'000, 9'999'999);
  static constexpr std::string_view kOpen[] = {"Queued", "Running", "PendingApproval"};
  static constexpr std::string_view kClosed[] = {"SuccessfullyRemediated", "Benign", "PartiallyRemediated",
                                                 "TerminatedBySystem"};
  if (a.status == "resolved") return {id, r.pick(std::span<const std::string_view>(kClosed))};
  return {id, r.pick(std::span<const std::string_view>(kOpen))};
}

const UserAccount *related_user(const Alert &a) {
  if (const auto *u = first_evidence<UserEvidence>(a)) return &u->user_account;
  if (const auto *p = first_evidence<ProcessEvidence>(a)) return &p->user_account;
  return nullptr;
}

}  // namespace

MdeAlertJson render_mde_alert(const Alert &a) {
  const DeviceEvidence *device = first_evidence<DeviceEvidence>(a);
  const Investigation investigation = investigation_of(a);
  JsonWriter w;
  w.begin_object();
  w.key("id").str(a.id);
  w.key("incidentId").opt_integer(parse_number<std::int64_t>(a.incident_id, 0, INT64_MAX));
  w.key("investigationId").opt_integer(investigation.id);
  w.key("assignedTo").opt(a.assigned_to);
  w.key("severity").opt(to_mde(mde_severities(), a.severity));
  w.key("status").opt(to_mde(mde_statuses(), a.status));
  w.key("classification").opt(to_mde_nullable(mde_classifications(), a.classification));
  w.key("determination").opt(to_mde_nullable(mde_determinations(), a.determination));
  w.key("investigationState").str(investigation.state);
  w.key("detectionSource").opt(to_mde(mde_detection_sources(), a.detection_source));
  w.key("detectorId").str(a.detector_id);
  w.key("category").str(a.category);
  w.key("threatFamilyName").opt(a.threat_family_name);
  w.key("title").str(a.title);
  w.key("description").str(a.description);
  w.key("alertCreationTime").time(a.created);
  w.key("firstEventTime").time(a.first_activity);
  w.key("lastEventTime").time(a.last_activity);
  w.key("lastUpdateTime").time(a.last_update);
  w.key("resolvedTime").opt_time(a.resolved);
  w.key("machineId").opt(device ? OptString{device->mde_device_id} : std::nullopt);
  w.key("computerDnsName").opt(device ? OptString{device->device_dns_name} : std::nullopt);
  w.key("rbacGroupName").opt(device ? OptString{device->rbac_group_name} : std::nullopt);
  w.key("aadTenantId").str(a.tenant_id);
  w.key("threatName").opt(a.threat_display_name);
  w.key("mitreTechniques").strings(a.mitre_techniques);
  w.key("relatedUser");
  if (const UserAccount *u = related_user(a)) {
    w.begin_object();
    w.key("userName").str(u->account_name);
    w.key("domainName").str(u->domain_name);
    w.end_object();
  } else {
    w.null();
  }
  w.key("comments").begin_array();
  for (const auto &c : a.comments) {
    w.begin_object();
    w.key("comment").str(c.comment);
    w.key("createdBy").str(c.created_by_display_name);
    w.key("createdTime").time(c.created);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  std::string head = w.take();
  head.pop_back();  // the closing brace: the page adds the evidence, or not, then closes the object

  JsonWriter ev;
  ev.begin_array();
  for (const auto &e : a.evidence)
    if (const auto flat = std::visit(Flatten{}, e)) write_evidence(ev, *flat);
  ev.end_array();
  return {std::move(head), ",\"evidence\":" + ev.take()};
}

}  // namespace sim
