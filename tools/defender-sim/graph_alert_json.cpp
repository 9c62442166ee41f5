#include "graph_alert_json.h"

#include "json_writer.h"

namespace sim {
namespace {

constexpr std::string_view kTypePrefix = "#microsoft.graph.security.";

void write_base(JsonWriter &w, std::string_view type, const EvidenceBase &b) {
  w.key("@odata.type").str(std::string(kTypePrefix) + std::string(type));
  w.key("createdDateTime").time(b.created);
  w.key("verdict").str(b.verdict);
  w.key("remediationStatus").str(b.remediation_status);
  w.key("remediationStatusDetails").opt(b.remediation_status_details);
  w.key("roles").strings(b.roles);
  w.key("detailedRoles").strings(b.detailed_roles);
  w.key("tags").strings(b.tags);
}

void write_account(JsonWriter &w, const UserAccount &a) {
  w.begin_object();
  w.key("accountName").str(a.account_name);
  w.key("domainName").str(a.domain_name);
  w.key("userSid").str(a.user_sid);
  w.key("azureAdUserId").opt(a.azure_ad_user_id);
  w.key("userPrincipalName").opt(a.user_principal_name);
  w.key("displayName").str(a.display_name);
  w.end_object();
}

void write_file(JsonWriter &w, const FileDetails &f) {
  w.begin_object();
  w.key("sha1").str(f.sha1);
  w.key("sha256").str(f.sha256);
  w.key("fileName").str(f.file_name);
  w.key("filePath").str(f.file_path);
  w.key("fileSize");
  f.file_size ? w.integer(*f.file_size) : w.null();
  w.key("filePublisher").opt(f.file_publisher);
  w.key("signer").opt(f.signer);
  w.key("issuer").opt(f.issuer);
  w.end_object();
}

void write_sender(JsonWriter &w, const EmailSender &s) {
  w.begin_object();
  w.key("emailAddress").str(s.email_address);
  w.key("displayName").str(s.display_name);
  w.key("domainName").str(s.domain_name);
  w.end_object();
}

struct EvidenceWriter {
  JsonWriter &w;

  void operator()(const DeviceEvidence &e) const {
    write_base(w, "deviceEvidence", e.base);
    w.key("firstSeenDateTime").time(e.first_seen);
    w.key("mdeDeviceId").str(e.mde_device_id);
    w.key("azureAdDeviceId").opt(e.azure_ad_device_id);
    w.key("deviceDnsName").str(e.device_dns_name);
    w.key("hostName").str(e.host_name);
    w.key("ntDomain").str(e.nt_domain);
    w.key("dnsDomain").str(e.dns_domain);
    w.key("osPlatform").str(e.os_platform);
    w.key("osBuild");
    e.os_build != 0 ? w.integer(e.os_build) : w.null();
    w.key("version").str(e.version);
    w.key("healthStatus").str(e.health_status);
    w.key("riskScore").str(e.risk_score);
    w.key("rbacGroupId").integer(e.rbac_group_id);
    w.key("rbacGroupName").str(e.rbac_group_name);
    w.key("onboardingStatus").str(e.onboarding_status);
    w.key("defenderAvStatus").str(e.defender_av_status);
    w.key("lastIpAddress").opt(e.last_ip_address);
    w.key("lastExternalIpAddress").opt(e.last_external_ip_address);
    w.key("ipInterfaces").strings(e.ip_interfaces);
    w.key("vmMetadata").null();
    w.key("loggedOnUsers").begin_array();
    for (const auto &u : e.logged_on_users) {
      w.begin_object();
      w.key("accountName").str(u.account_name);
      w.key("domainName").str(u.domain_name);
      w.end_object();
    }
    w.end_array();
  }

  void operator()(const ProcessEvidence &e) const {
    write_base(w, "processEvidence", e.base);
    w.key("processId").integer(e.process_id);
    w.key("parentProcessId").integer(e.parent_process_id);
    w.key("processCommandLine").str(e.process_command_line);
    w.key("processCreationDateTime").time(e.process_created);
    w.key("parentProcessCreationDateTime").time(e.parent_process_created);
    w.key("detectionStatus").opt(e.detection_status);
    w.key("mdeDeviceId").str(e.mde_device_id);
    w.key("imageFile");
    write_file(w, e.image_file);
    w.key("parentProcessImageFile");
    e.parent_process_image_file ? write_file(w, *e.parent_process_image_file) : w.null();
    w.key("userAccount");
    write_account(w, e.user_account);
  }

  void operator()(const FileEvidence &e) const {
    write_base(w, "fileEvidence", e.base);
    w.key("detectionStatus").opt(e.detection_status);
    w.key("mdeDeviceId").opt(e.mde_device_id);
    w.key("fileDetails");
    write_file(w, e.file_details);
  }

  void operator()(const UserEvidence &e) const {
    write_base(w, "userEvidence", e.base);
    w.key("userAccount");
    write_account(w, e.user_account);
  }

  void operator()(const IpEvidence &e) const {
    write_base(w, "ipEvidence", e.base);
    w.key("ipAddress").str(e.ip_address);
    w.key("countryLetterCode").opt(e.country_letter_code);
  }

  void operator()(const UrlEvidence &e) const {
    write_base(w, "urlEvidence", e.base);
    w.key("url").str(e.url);
  }

  void operator()(const MailboxEvidence &e) const {
    write_base(w, "mailboxEvidence", e.base);
    w.key("primaryAddress").str(e.primary_address);
    w.key("displayName").str(e.display_name);
    w.key("userAccount");
    write_account(w, e.user_account);
  }

  void operator()(const RegistryKeyEvidence &e) const {
    write_base(w, "registryKeyEvidence", e.base);
    w.key("registryKey").str(e.registry_key);
    w.key("registryHive").str(e.registry_hive);
  }

  void operator()(const RegistryValueEvidence &e) const {
    write_base(w, "registryValueEvidence", e.base);
    w.key("mdeDeviceId").str(e.mde_device_id);
    w.key("registryKey").str(e.registry_key);
    w.key("registryHive").str(e.registry_hive);
    w.key("registryValue").str(e.registry_value);
    w.key("registryValueName").str(e.registry_value_name);
    w.key("registryValueType").str(e.registry_value_type);
  }

  void operator()(const AnalyzedMessageEvidence &e) const {
    write_base(w, "analyzedMessageEvidence", e.base);
    w.key("networkMessageId").str(e.network_message_id);
    w.key("internetMessageId").str(e.internet_message_id);
    w.key("subject").str(e.subject);
    w.key("senderIp").str(e.sender_ip);
    w.key("p1Sender");
    write_sender(w, e.p1_sender);
    w.key("p2Sender");
    write_sender(w, e.p2_sender);
    w.key("recipientEmailAddress").str(e.recipient_email_address);
    w.key("receivedDateTime").time(e.received);
    w.key("urls").strings(e.urls);
    w.key("urlCount").integer(static_cast<std::int64_t>(e.urls.size()));
    w.key("attachmentsCount").integer(e.attachments_count);
    w.key("language").str(e.language);
    w.key("deliveryAction").str(e.delivery_action);
    w.key("deliveryLocation").str(e.delivery_location);
    w.key("antiSpamDirection").str(e.anti_spam_direction);
    w.key("threats").strings(e.threats);
    w.key("threatDetectionMethods").strings(e.threat_detection_methods);
  }

  void operator()(const CloudApplicationEvidence &e) const {
    write_base(w, "cloudApplicationEvidence", e.base);
    w.key("appId").integer(e.app_id);
    w.key("displayName").str(e.display_name);
    w.key("instanceId").integer(e.instance_id);
    w.key("instanceName").str(e.instance_name);
    w.key("saasAppId").integer(e.saas_app_id);
  }
};

}  // namespace

void write_graph_comments(JsonWriter &w, const std::vector<AlertComment> &comments) {
  w.key("comments").begin_array();
  for (const auto &c : comments) {
    w.begin_object();
    w.key("comment").str(c.comment);
    w.key("createdByDisplayName").str(c.created_by_display_name);
    w.key("createdDateTime").time(c.created);
    w.end_object();
  }
  w.end_array();
}

std::string render_graph_alert(const Alert &a) {
  JsonWriter w;
  w.begin_object();
  w.key("@odata.type").str("#microsoft.graph.security.alert");
  w.key("id").str(a.id);
  w.key("providerAlertId").str(a.provider_alert_id);
  w.key("incidentId").str(a.incident_id);
  w.key("status").str(a.status);
  w.key("severity").str(a.severity);
  w.key("classification").opt(a.classification);
  w.key("determination").opt(a.determination);
  w.key("serviceSource").str(a.service_source);
  w.key("detectionSource").str(a.detection_source);
  w.key("productName").str(a.product_name);
  w.key("detectorId").str(a.detector_id);
  w.key("tenantId").str(a.tenant_id);
  w.key("title").str(a.title);
  w.key("description").str(a.description);
  w.key("recommendedActions").str(a.recommended_actions);
  w.key("category").str(a.category);
  w.key("assignedTo").opt(a.assigned_to);
  w.key("alertWebUrl").str(a.alert_web_url);
  w.key("incidentWebUrl").str(a.incident_web_url);
  w.key("actorDisplayName").opt(a.actor_display_name);
  w.key("threatDisplayName").opt(a.threat_display_name);
  w.key("threatFamilyName").opt(a.threat_family_name);
  w.key("mitreTechniques").strings(a.mitre_techniques);
  w.key("createdDateTime").time(a.created);
  w.key("lastUpdateDateTime").time(a.last_update);
  w.key("resolvedDateTime").opt_time(a.resolved);
  w.key("firstActivityDateTime").time(a.first_activity);
  w.key("lastActivityDateTime").time(a.last_activity);
  write_graph_comments(w, a.comments);
  w.key("evidence").begin_array();
  for (const auto &e : a.evidence) {
    w.begin_object();
    std::visit(EvidenceWriter{w}, e);
    w.end_object();
  }
  w.end_array();
  w.key("systemTags").strings(a.system_tags);
  w.end_object();
  return w.take();
}

}  // namespace sim
