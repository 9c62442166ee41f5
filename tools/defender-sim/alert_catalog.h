#pragma once

#include <span>
#include <string_view>

namespace sim {

// Which evidence an alert of a scenario carries; the generator has one builder per kit.
enum class EvidenceKit {
  EndpointProcess,   // device, process, user (+ file)
  EndpointMalware,   // device, file, process, user
  EndpointRegistry,  // device, process, registry key and value
  EndpointNetwork,   // device, process, ip, url
  Email,             // analyzed message, mailbox, url
  EmailClick,        // user, mailbox, url, ip
  Identity,          // devices, user
  CloudApp,          // user, ips, cloud application
  SignIn,            // user, ip
  Dlp,               // user, file
};

// The artefacts an endpoint scenario shows; "{user}" in a path or command line becomes the account name.
struct EndpointArtifacts {
  std::string_view image_name;
  std::string_view image_path;
  std::string_view command_line;
  std::string_view parent_name;
  std::string_view parent_path;
  std::string_view file_name;  // empty: no file evidence
  std::string_view file_path;
  std::string_view url;           // network scenarios
  std::string_view registry_key;  // registry scenarios
  std::string_view registry_value_name;
  std::string_view registry_value;
};

struct Scenario {
  std::string_view service_source;
  std::string_view detection_source;
  std::string_view product_name;
  std::string_view id_prefix;  // ids look like the product's: "da<digits>_<n>" for MDE, "<prefix><guid>" otherwise
  std::string_view title;
  std::string_view category;
  std::string_view description;
  std::string_view recommended_actions;
  std::span<const std::string_view> mitre_techniques;
  std::string_view threat_display_name;  // empty: null
  std::string_view threat_family_name;   // empty: null
  std::span<const std::string_view> severities;
  EvidenceKit kit;
  const EndpointArtifacts *endpoint;  // endpoint kits only
  unsigned weight;
  std::string_view actor_display_name;  // empty: null
};

struct Person {
  std::string_view account_name;  // sAMAccountName; may be non-ASCII, as Windows allows
  std::string_view display_name;
  std::string_view upn;
  unsigned rid;
};

struct Device {
  std::string_view host_name;
  std::string_view os_platform;
  long long os_build;
  std::string_view version;
  std::string_view rbac_group_name;
  long long rbac_group_id;
  std::string_view tag;           // a device tag set in the portal (the SIEM API's CloudCreatedMachineTags)
  std::string_view registry_tag;  // a tag set on the device itself, or empty (DeviceCreatedMachineTags)
};

std::span<const Scenario> scenarios();
std::span<const Person> people();
std::span<const Device> devices();
std::span<const std::string_view> analysts();
std::span<const std::string_view> comment_texts();
std::span<const std::string_view> mail_subjects();
std::span<const std::string_view> sender_domains();
std::span<const std::string_view> phishing_urls();
std::span<const std::string_view> countries();  // two-letter codes matching public_ip_prefixes()
std::span<const std::string_view> public_ip_prefixes();
std::span<const std::string_view> dlp_documents();

inline constexpr std::string_view kDomainDns = "contoso.com";
inline constexpr std::string_view kDomainNetbios = "CONTOSO";
inline constexpr std::string_view kDomainSidPrefix = "S-1-5-21-1004336348-1177238915-682003330-";

}  // namespace sim
