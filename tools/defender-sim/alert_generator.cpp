#include "alert_generator.h"

#include <algorithm>
#include <array>

#include "alert_catalog.h"

namespace sim {
namespace {

constexpr Ticks kSecond = kTicksPerSecond;
constexpr Ticks kMinute = 60 * kSecond;
constexpr Ticks kHour = 60 * kMinute;
constexpr Ticks kDay = 24 * kHour;

std::string replace_user(std::string_view text, std::string_view user) {
  std::string out(text);
  for (auto pos = out.find("{user}"); pos != std::string::npos; pos = out.find("{user}", pos + user.size()))
    out.replace(pos, 6, user);
  return out;
}

const Scenario &pick_scenario(Rng &rng) {
  unsigned total = 0;
  for (const auto &s : scenarios()) total += s.weight;
  auto r = static_cast<unsigned>(rng.below(total));
  for (const auto &s : scenarios()) {
    if (r < s.weight) return s;
    r -= s.weight;
  }
  return scenarios().front();
}

OptString opt(std::string_view s) { return s.empty() ? OptString{} : OptString{std::string(s)}; }

UserAccount account_of(const Person &p) {
  Rng r(stable_hash(p.upn));
  return UserAccount{std::string(p.account_name),
                     std::string(kDomainNetbios),
                     std::string(kDomainSidPrefix) + std::to_string(p.rid),
                     r.guid(),
                     std::string(p.upn),
                     std::string(p.display_name)};
}

FileDetails file_details(std::string_view name, std::string_view path) {
  Rng r(stable_hash(path) ^ stable_hash(name));
  const bool system = path.starts_with("C:\\Windows") || path.starts_with("C:\\Program Files");
  FileDetails f;
  f.sha1 = r.hex(40);
  f.sha256 = r.hex(64);
  f.file_name = std::string(name);
  f.file_path = std::string(path);
  f.file_size = r.between(24'576, 9'437'184);
  if (system) {
    f.file_publisher = "Microsoft Corporation";
    f.signer = "Microsoft Windows";
    f.issuer = "Microsoft Windows Production PCA 2011";
  }
  return f;
}

std::string internal_ip(std::uint64_t h) {
  return "10.20." + std::to_string(h % 250 + 1) + '.' + std::to_string(h / 250 % 250 + 2);
}

std::string public_ip(Rng &rng, std::size_t country) {
  const std::string_view prefix = public_ip_prefixes()[country];
  std::string ip(prefix);
  const auto dots = std::count(prefix.begin(), prefix.end(), '.');
  for (auto i = dots; i < 3; ++i) ip += std::to_string(rng.between(1, 254)) + '.';
  ip += std::to_string(rng.between(1, 254));
  return ip;
}

EvidenceBase base(Ticks created, std::string verdict, std::string remediation, std::vector<std::string> roles = {},
                  std::vector<std::string> detailed_roles = {}, std::vector<std::string> tags = {}) {
  return EvidenceBase{created,          std::move(verdict),        std::move(remediation), std::nullopt,
                      std::move(roles), std::move(detailed_roles), std::move(tags)};
}

std::string risk_for(std::string_view severity) {
  if (severity == "high") return "high";
  if (severity == "medium") return "medium";
  if (severity == "low") return "low";
  return "none";
}

struct Context {
  Rng &rng;
  const Alert &alert;
  const Scenario &scenario;
  const Person &person;
  const Device &device;
};

DeviceEvidence device_evidence(Context &c, const Device &d, std::vector<std::string> roles,
                               std::vector<std::string> detailed_roles) {
  Rng r(stable_hash(d.host_name));
  DeviceEvidence e;
  if (!d.tag.empty()) e.portal_tags.emplace_back(d.tag);
  if (!d.registry_tag.empty()) e.registry_tags.emplace_back(d.registry_tag);
  std::vector<std::string> tags = e.portal_tags;
  tags.insert(tags.end(), e.registry_tags.begin(), e.registry_tags.end());
  e.base = base(c.alert.created, roles.empty() ? "unknown" : "suspicious", "none", std::move(roles),
                std::move(detailed_roles), std::move(tags));
  e.first_seen = truncate_to_digits(c.alert.created - r.between(30, 700) * kDay - r.between(0, kDay), 7);
  e.mde_device_id = r.hex(40);
  e.azure_ad_device_id = d.os_platform.starts_with("Windows") ? OptString{r.guid()} : std::nullopt;
  e.device_dns_name = std::string(d.host_name) + '.' + std::string(kDomainDns);
  e.host_name = std::string(d.host_name);
  e.nt_domain = std::string(kDomainNetbios);
  e.dns_domain = std::string(kDomainDns);
  e.os_platform = std::string(d.os_platform);
  e.os_build = d.os_build;
  e.version = std::string(d.version);
  e.health_status = "active";
  e.risk_score = risk_for(c.alert.severity);
  e.rbac_group_id = d.rbac_group_id;
  e.rbac_group_name = std::string(d.rbac_group_name);
  e.onboarding_status = "onboarded";
  e.defender_av_status = c.rng.chance(85) ? "updated" : "notUpdated";
  const std::string ip = internal_ip(r.next());
  e.ip_interfaces = {ip, "fe80::" + r.hex(4) + ':' + r.hex(4) + ':' + r.hex(4) + ':' + r.hex(4)};
  e.logged_on_users = {LoggedOnUser{std::string(c.person.account_name), std::string(kDomainNetbios)}};
  e.last_ip_address = ip;
  e.last_external_ip_address = public_ip(r, 0);
  return e;
}

std::string device_id_of(const Device &d) { return Rng(stable_hash(d.host_name)).hex(40); }

ProcessEvidence process_evidence(Context &c, const EndpointArtifacts &a, const std::string &device_id) {
  const std::string user(c.person.account_name);
  ProcessEvidence e;
  const bool av = c.alert.detection_source == "antivirus";
  e.base = base(c.alert.created, av ? "malicious" : "suspicious", av ? "prevented" : "none");
  e.process_id = c.rng.between(1000, 30000);
  e.parent_process_id = c.rng.between(400, 12000);
  e.process_command_line = replace_user(a.command_line, user);
  e.process_created = random_precision(c.rng, c.alert.first_activity - c.rng.between(0, 10 * kMinute));
  e.parent_process_created = random_precision(c.rng, e.process_created - c.rng.between(kSecond, 3 * kDay));
  e.detection_status = av ? "prevented" : "detected";
  e.mde_device_id = device_id;
  e.image_file = file_details(a.image_name, replace_user(a.image_path, user));
  if (c.rng.chance(35)) e.parent_process_image_file = file_details(a.parent_name, replace_user(a.parent_path, user));
  e.user_account = account_of(c.person);
  return e;
}

FileEvidence file_evidence(Context &c, std::string_view name, std::string_view path, OptString device_id) {
  FileEvidence e;
  const bool av = c.alert.detection_source == "antivirus";
  e.base = base(c.alert.created, "malicious", av ? (c.rng.chance(70) ? "remediated" : "prevented") : "none");
  e.file_details = file_details(name, path);
  e.detection_status = device_id ? OptString{av ? "prevented" : "detected"} : std::nullopt;
  e.mde_device_id = std::move(device_id);
  return e;
}

UserEvidence user_evidence(Context &c, const Person &p, std::vector<std::string> roles) {
  UserEvidence e;
  e.base = base(c.alert.created, roles.empty() ? "unknown" : "suspicious", "none", std::move(roles));
  e.user_account = account_of(p);
  return e;
}

IpEvidence ip_evidence(Context &c, std::size_t country, std::vector<std::string> roles) {
  IpEvidence e;
  e.base = base(c.alert.created, "suspicious", "none", std::move(roles));
  e.ip_address = public_ip(c.rng, country);
  e.country_letter_code = std::string(countries()[country]);
  return e;
}

UrlEvidence url_evidence(Context &c, std::string url) {
  UrlEvidence e;
  e.base = base(c.alert.created, "malicious", c.rng.chance(60) ? "blocked" : "none");
  e.url = std::move(url);
  return e;
}

MailboxEvidence mailbox_evidence(Context &c) {
  MailboxEvidence e;
  e.base = base(c.alert.created, "unknown", "none", {"destination"});
  e.primary_address = std::string(c.person.upn);
  e.display_name = std::string(c.person.display_name);
  e.user_account = account_of(c.person);
  return e;
}

AnalyzedMessageEvidence message_evidence(Context &c, const std::string &url) {
  AnalyzedMessageEvidence e;
  const bool removed = c.rng.chance(70);
  e.base = base(c.alert.created, "malicious", removed ? "remediated" : "none");
  e.network_message_id = c.rng.guid();
  const std::string_view domain = c.rng.pick(sender_domains());
  e.internet_message_id = '<' + c.rng.hex(16) + '@' + std::string(domain) + '>';
  e.subject = std::string(c.rng.pick(mail_subjects()));
  const std::size_t country = c.rng.below(countries().size());
  e.sender_ip = public_ip(c.rng, country);
  e.p1_sender = EmailSender{"no-reply@" + std::string(domain), "", std::string(domain)};
  e.p2_sender = EmailSender{"faktura@" + std::string(domain), "Ekonomiavdelningen", std::string(domain)};
  e.recipient_email_address = std::string(c.person.upn);
  e.received = random_precision(c.rng, c.alert.first_activity);
  e.urls = {url};
  e.attachments_count = c.rng.between(0, 2);
  e.language = c.rng.chance(60) ? "sv" : "en";
  e.delivery_action = "delivered";
  e.delivery_location = removed ? "junkFolder" : "inbox";
  e.anti_spam_direction = "inbound";
  e.threats = {"Phish"};
  e.threat_detection_methods = {"urlDetonationReputation", "fingerprintMatch"};
  return e;
}

CloudApplicationEvidence cloud_app_evidence(Context &c) {
  struct App {
    std::int64_t id;
    std::string_view name;
    std::int64_t saas;
  };
  static constexpr App kApps[] = {{11161, "Microsoft 365", 11161},
                                  {20892, "Microsoft SharePoint Online", 20892},
                                  {15600, "Microsoft OneDrive for Business", 15600},
                                  {10489, "Box", 10489}};
  const App &app = kApps[c.rng.below(std::size(kApps))];
  CloudApplicationEvidence e;
  e.base = base(c.alert.created, "unknown", "none", {"contextual"});
  e.app_id = app.id;
  e.display_name = std::string(app.name);
  e.instance_id = 0;
  e.instance_name = std::string(app.name);
  e.saas_app_id = app.saas;
  return e;
}

std::vector<Evidence> build_evidence(Context &c) {
  std::vector<Evidence> ev;
  const std::string user(c.person.account_name);
  const EndpointArtifacts *a = c.scenario.endpoint;
  switch (c.scenario.kit) {
    case EvidenceKit::EndpointProcess:
    case EvidenceKit::EndpointMalware:
    case EvidenceKit::EndpointRegistry:
    case EvidenceKit::EndpointNetwork: {
      const std::string device_id = device_id_of(c.device);
      ev.emplace_back(device_evidence(c, c.device, {"compromised"}, {"Main device"}));
      ev.emplace_back(process_evidence(c, *a, device_id));
      if (!a->file_name.empty())
        ev.emplace_back(file_evidence(c, a->file_name, replace_user(a->file_path, user), device_id));
      if (c.scenario.kit == EvidenceKit::EndpointRegistry) {
        RegistryKeyEvidence k;
        k.base = base(c.alert.created, "suspicious", "none", {"edited"});
        k.registry_key = std::string(a->registry_key.substr(a->registry_key.find('\\') + 1));
        k.registry_hive = std::string(a->registry_key.substr(0, a->registry_key.find('\\')));
        RegistryValueEvidence v;
        v.base = base(c.alert.created, "suspicious", "none", {"edited"});
        v.mde_device_id = device_id;
        v.registry_key = k.registry_key;
        v.registry_hive = k.registry_hive;
        v.registry_value = replace_user(a->registry_value, user);
        v.registry_value_name = std::string(a->registry_value_name);
        v.registry_value_type = "String";
        if (c.rng.chance(50)) ev.emplace_back(std::move(k));
        ev.emplace_back(std::move(v));
      }
      if (c.scenario.kit == EvidenceKit::EndpointNetwork) {
        ev.emplace_back(ip_evidence(c, c.rng.below(countries().size()), {"destination"}));
        ev.emplace_back(url_evidence(c, std::string(a->url)));
      }
      if (c.rng.chance(30)) ev.emplace_back(user_evidence(c, c.person, {}));
      break;
    }
    case EvidenceKit::Email: {
      const std::string url(c.rng.pick(phishing_urls()));
      ev.emplace_back(message_evidence(c, url));
      ev.emplace_back(mailbox_evidence(c));
      ev.emplace_back(url_evidence(c, url));
      break;
    }
    case EvidenceKit::EmailClick: {
      ev.emplace_back(user_evidence(c, c.person, {"compromised"}));
      ev.emplace_back(mailbox_evidence(c));
      ev.emplace_back(url_evidence(c, std::string(c.rng.pick(phishing_urls()))));
      ev.emplace_back(ip_evidence(c, 0, {}));
      break;
    }
    case EvidenceKit::Identity: {
      const auto &dc = devices()[4];
      ev.emplace_back(device_evidence(c, c.device, {"attacker"}, {"Source device"}));
      ev.emplace_back(device_evidence(c, dc, {"attacked"}, {"Destination device"}));
      ev.emplace_back(user_evidence(c, c.person, {"compromised"}));
      break;
    }
    case EvidenceKit::CloudApp: {
      ev.emplace_back(user_evidence(c, c.person, {"compromised"}));
      ev.emplace_back(ip_evidence(c, 0, {}));
      ev.emplace_back(ip_evidence(c, 1 + c.rng.below(countries().size() - 1), {"attacker"}));
      ev.emplace_back(cloud_app_evidence(c));
      break;
    }
    case EvidenceKit::SignIn: {
      ev.emplace_back(user_evidence(c, c.person, {"compromised"}));
      ev.emplace_back(ip_evidence(c, 1 + c.rng.below(countries().size() - 1), {"attacker"}));
      break;
    }
    case EvidenceKit::Dlp: {
      ev.emplace_back(user_evidence(c, c.person, {"policyViolator"}));
      const std::string_view doc = c.rng.pick(dlp_documents());
      ev.emplace_back(file_evidence(c, doc, "https://contoso.sharepoint.com/sites/HR/Delade dokument", std::nullopt));
      break;
    }
  }
  return ev;
}

std::string alert_id(Rng &rng, const Scenario &s) {
  if (s.id_prefix == "da") {
    const auto ticks = 638'000'000'000'000'000ULL + rng.below(9'000'000'000'000'000ULL);
    const auto part = static_cast<std::int32_t>(static_cast<std::uint32_t>(rng.next()));
    return "da" + std::to_string(ticks) + '_' + std::to_string(part);
  }
  return std::string(s.id_prefix) + rng.guid();
}

struct Outcome {
  std::string status;
  OptString classification;
  OptString determination;
};

Outcome pick_outcome(Rng &rng) {
  const auto r = rng.below(100);
  if (r < 60) {
    if (rng.chance(30)) return {"new", std::nullopt, std::nullopt};
    return {"new", "unknown", "unknown"};
  }
  if (r < 80) return {"inProgress", "unknown", "unknown"};
  Verdict v = pick_verdict(rng);
  return {"resolved", std::move(v.classification), std::move(v.determination)};
}

}  // namespace

Verdict pick_verdict(Rng &rng) {
  static constexpr std::array<std::string_view, 6> kTp = {"malware",  "multiStagedAttack",     "compromisedUser",
                                                          "phishing", "maliciousUserActivity", "unwantedSoftware"};
  static constexpr std::array<std::string_view, 3> kFp = {"clean", "insufficientData", "other"};
  static constexpr std::array<std::string_view, 3> kInfo = {"securityTesting", "lineOfBusinessApplication",
                                                            "confirmedUserActivity"};
  const auto kind = rng.below(10);
  if (kind < 5) return {"truePositive", std::string(kTp[rng.below(kTp.size())])};
  if (kind < 8) return {"falsePositive", std::string(kFp[rng.below(kFp.size())])};
  return {"informationalExpectedActivity", std::string(kInfo[rng.below(kInfo.size())])};
}

Ticks random_precision(Rng &rng, Ticks t) {
  static constexpr int kDigits[] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 3, 3, 3, 3, 6, 5, 4, 2, 1, 0, 0};
  return truncate_to_digits(t, kDigits[rng.below(std::size(kDigits))]);
}

Ticks initial_update_time(std::uint64_t seed, std::uint64_t index, Ticks start, std::int64_t history_seconds) {
  Rng rng(mix_seed(seed ^ 0x5EEDF00DULL, index));
  const Ticks earliest = start - history_seconds * kTicksPerSecond + kTicksPerSecond;
  const Ticks latest = start - kTicksPerSecond;
  const Ticks t = earliest >= latest ? latest : rng.between(earliest, latest);
  return std::max(random_precision(rng, t), start - history_seconds * kTicksPerSecond);
}

std::string incident_of(std::uint64_t index) { return std::to_string(28000 + index * 2 / 3); }

std::string incident_web_url(std::string_view incident_id, std::string_view tenant_guid) {
  return "https://security.microsoft.com/incidents/" + std::string(incident_id) + "?tid=" + std::string(tenant_guid);
}

Alert generate_alert(const GeneratorConfig &config, std::uint64_t index, Ticks last_update, AlertAge age) {
  Rng rng(mix_seed(config.seed, index));
  const Scenario &s = pick_scenario(rng);
  Alert a;
  a.id = alert_id(rng, s);
  a.provider_alert_id = a.id;
  a.incident_id = incident_of(index);
  const bool fresh = age == AlertAge::JustCreated;
  const Outcome drawn = pick_outcome(rng);
  const Outcome outcome = fresh ? Outcome{"new", drawn.classification ? OptString{"unknown"} : std::nullopt,
                                          drawn.classification ? OptString{"unknown"} : std::nullopt}
                                : drawn;
  a.status = outcome.status;
  a.classification = outcome.classification;
  a.determination = outcome.determination;
  a.severity = std::string(rng.pick(s.severities));
  a.service_source = std::string(s.service_source);
  a.detection_source = std::string(s.detection_source);
  a.product_name = std::string(s.product_name);
  a.detector_id = Rng(stable_hash(s.title)).guid();
  a.tenant_id = config.tenant_guid;
  a.title = std::string(s.title);
  a.description = std::string(s.description);
  a.recommended_actions = std::string(s.recommended_actions);
  a.category = std::string(s.category);
  if (a.status != "new" || rng.chance(10)) a.assigned_to = std::string(rng.pick(analysts()));
  a.alert_web_url = "https://security.microsoft.com/alerts/" + a.id + "?tid=" + config.tenant_guid;
  a.incident_web_url = incident_web_url(a.incident_id, config.tenant_guid);
  a.actor_display_name = opt(s.actor_display_name);
  a.threat_display_name = opt(s.threat_display_name);
  a.threat_family_name = opt(s.threat_family_name);
  a.mitre_techniques.assign(s.mitre_techniques.begin(), s.mitre_techniques.end());

  a.last_update = last_update;
  const Ticks since_created =
      a.status == "new" ? rng.between(kSecond / 2, 10 * kMinute) : rng.between(kMinute, 8 * kHour);
  a.created = fresh ? last_update : random_precision(rng, last_update - since_created);
  a.first_activity = random_precision(rng, a.created - rng.between(10 * kSecond, 6 * kHour));
  a.last_activity = random_precision(rng, rng.between(a.first_activity, a.created));
  if (a.status == "resolved") a.resolved = last_update;

  const Person &person = rng.pick(people());
  const Device &device = rng.pick(devices());
  Context ctx{rng, a, s, person, device};
  a.evidence = build_evidence(ctx);

  if (a.status != "new" && rng.chance(40)) {
    const auto n = rng.between(1, 2);
    for (std::int64_t i = 0; i < n; ++i)
      a.comments.push_back({std::string(rng.pick(comment_texts())), a.assigned_to.value_or("Automation"),
                            random_precision(rng, rng.between(a.created, last_update))});
  }
  if (rng.chance(10)) a.system_tags.emplace_back("Defender Experts");
  if (s.kit == EvidenceKit::Email && rng.chance(30)) a.system_tags.emplace_back("Credential Phish");
  return a;
}

}  // namespace sim
