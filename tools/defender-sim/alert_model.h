#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "timestamp.h"

namespace sim {

// One alert as the Graph security API models it (microsoft.graph.security.alert and its evidence types).
// Renderers turn it into each API's JSON; optional members are JSON null.

using OptString = std::optional<std::string>;

struct UserAccount {
  std::string account_name;
  std::string domain_name;
  std::string user_sid;
  OptString azure_ad_user_id;
  OptString user_principal_name;
  std::string display_name;
};

struct FileDetails {
  std::string sha1;
  std::string sha256;
  std::string file_name;
  std::string file_path;
  std::optional<std::int64_t> file_size;
  OptString file_publisher;
  OptString signer;
  OptString issuer;
};

struct EvidenceBase {
  Ticks created = 0;
  std::string verdict;             // unknown, suspicious, malicious, noThreatsFound
  std::string remediation_status;  // none, remediated, prevented, blocked, notFound
  OptString remediation_status_details;
  std::vector<std::string> roles;
  std::vector<std::string> detailed_roles;
  std::vector<std::string> tags;
};

struct LoggedOnUser {
  std::string account_name;
  std::string domain_name;
};

struct DeviceEvidence {
  EvidenceBase base;
  Ticks first_seen = 0;
  std::string mde_device_id;
  OptString azure_ad_device_id;
  std::string device_dns_name;
  std::string host_name;
  std::string nt_domain;
  std::string dns_domain;
  std::string os_platform;
  std::int64_t os_build = 0;
  std::string version;
  std::string health_status;
  std::string risk_score;
  std::int64_t rbac_group_id = 0;
  std::string rbac_group_name;
  std::vector<std::string> portal_tags;    // set in the portal; with the device's own tags they make base.tags
  std::vector<std::string> registry_tags;  // set on the device itself (registry)
  std::string onboarding_status;
  std::string defender_av_status;
  std::vector<std::string> ip_interfaces;
  std::vector<LoggedOnUser> logged_on_users;
  OptString last_ip_address;
  OptString last_external_ip_address;
};

struct ProcessEvidence {
  EvidenceBase base;
  std::int64_t process_id = 0;
  std::int64_t parent_process_id = 0;
  std::string process_command_line;
  Ticks process_created = 0;
  Ticks parent_process_created = 0;
  OptString detection_status;  // detected, blocked, prevented
  std::string mde_device_id;
  FileDetails image_file;
  std::optional<FileDetails> parent_process_image_file;
  UserAccount user_account;
};

struct FileEvidence {
  EvidenceBase base;
  FileDetails file_details;
  OptString detection_status;
  OptString mde_device_id;
};

struct UserEvidence {
  EvidenceBase base;
  UserAccount user_account;
};

struct IpEvidence {
  EvidenceBase base;
  std::string ip_address;
  OptString country_letter_code;
};

struct UrlEvidence {
  EvidenceBase base;
  std::string url;
};

struct MailboxEvidence {
  EvidenceBase base;
  std::string primary_address;
  std::string display_name;
  UserAccount user_account;
};

struct RegistryKeyEvidence {
  EvidenceBase base;
  std::string registry_key;
  std::string registry_hive;
};

struct RegistryValueEvidence {
  EvidenceBase base;
  std::string mde_device_id;
  std::string registry_key;
  std::string registry_hive;
  std::string registry_value;
  std::string registry_value_name;
  std::string registry_value_type;
};

struct EmailSender {
  std::string email_address;
  std::string display_name;
  std::string domain_name;
};

struct AnalyzedMessageEvidence {
  EvidenceBase base;
  std::string network_message_id;
  std::string internet_message_id;
  std::string subject;
  std::string sender_ip;
  EmailSender p1_sender;
  EmailSender p2_sender;
  std::string recipient_email_address;
  Ticks received = 0;
  std::vector<std::string> urls;
  std::int64_t attachments_count = 0;
  std::string language;
  std::string delivery_action;
  std::string delivery_location;
  std::string anti_spam_direction;
  std::vector<std::string> threats;
  std::vector<std::string> threat_detection_methods;
};

struct CloudApplicationEvidence {
  EvidenceBase base;
  std::int64_t app_id = 0;
  std::string display_name;
  std::int64_t instance_id = 0;
  std::string instance_name;
  std::int64_t saas_app_id = 0;
};

using Evidence =
    std::variant<DeviceEvidence, ProcessEvidence, FileEvidence, UserEvidence, IpEvidence, UrlEvidence, MailboxEvidence,
                 RegistryKeyEvidence, RegistryValueEvidence, AnalyzedMessageEvidence, CloudApplicationEvidence>;

struct AlertComment {
  std::string comment;
  std::string created_by_display_name;
  Ticks created = 0;
};

struct Alert {
  std::string id;
  std::string provider_alert_id;
  std::string incident_id;
  std::string status;
  std::string severity;
  OptString classification;
  OptString determination;
  std::string service_source;
  std::string detection_source;
  std::string product_name;
  std::string detector_id;
  std::string tenant_id;
  std::string title;
  std::string description;
  std::string recommended_actions;
  std::string category;
  OptString assigned_to;
  std::string alert_web_url;
  std::string incident_web_url;
  OptString actor_display_name;
  OptString threat_display_name;
  OptString threat_family_name;
  std::vector<std::string> mitre_techniques;
  Ticks created = 0;
  Ticks last_update = 0;
  std::optional<Ticks> resolved;
  Ticks first_activity = 0;
  Ticks last_activity = 0;
  std::vector<AlertComment> comments;
  std::vector<Evidence> evidence;
  std::vector<std::string> system_tags;
};

// The alert's first evidence of type T (its main device, its first process, ...), or null.
template <typename T>
const T *first_evidence(const Alert &alert) {
  for (const auto &e : alert.evidence)
    if (const auto *found = std::get_if<T>(&e)) return found;
  return nullptr;
}

}  // namespace sim
