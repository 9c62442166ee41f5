#include "siem_records.h"

#include "base64.h"
#include "json_writer.h"
#include "mde_enums.h"
#include "random.h"

namespace sim {
namespace {

// The indicator one record is about; what it does not name stays "".
struct Indicator {
  const FileDetails *file = nullptr;
  std::string command_line;
  const UserAccount *user = nullptr;
  std::string ip;
  std::string url;
};

std::vector<Indicator> indicators(const Alert &a) {
  std::vector<Indicator> out;
  Indicator network;
  for (const auto &e : a.evidence) {
    if (const auto *p = std::get_if<ProcessEvidence>(&e)) {
      out.push_back({&p->image_file, p->process_command_line, &p->user_account, {}, {}});
    } else if (const auto *f = std::get_if<FileEvidence>(&e)) {
      out.push_back({&f->file_details, {}, nullptr, {}, {}});
    } else if (const auto *ip = std::get_if<IpEvidence>(&e)) {
      network.ip = ip->ip_address;
    } else if (const auto *url = std::get_if<UrlEvidence>(&e)) {
      network.url = url->url;
    }
  }
  if (!network.ip.empty() || !network.url.empty() || out.empty()) out.push_back(std::move(network));
  return out;
}

std::string join(const std::vector<std::string> &items, std::string_view separator) {
  std::string out;
  for (const auto &s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

std::string addresses(const DeviceEvidence *d, bool v6) {
  std::vector<std::string> picked;
  if (d)
    for (const auto &ip : d->ip_interfaces)
      if ((ip.find(':') != std::string::npos) == v6) picked.push_back(ip);
  return join(picked, ", ");
}

std::string logged_on_users(const DeviceEvidence *d) {
  std::vector<std::string> users;
  if (d)
    for (const auto &u : d->logged_on_users) users.push_back(u.domain_name + '\\' + u.account_name);
  return join(users, "; ");
}

std::string upper(std::string s) {
  for (auto &c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// "HackTool:Win32/Mimikatz.D" -> "HackTool"
std::string threat_category(const Alert &a) {
  if (!a.threat_display_name) return {};
  return a.threat_display_name->substr(0, a.threat_display_name->find(':'));
}

std::optional<bool> remediated(const Alert &a) {
  if (a.detection_source != "antivirus") return std::nullopt;
  const auto *f = first_evidence<FileEvidence>(a);
  return f && f->base.remediation_status == "remediated";
}

void opt_bool(JsonWriter &w, std::optional<bool> v) { v ? w.boolean(*v) : w.null(); }

}  // namespace

SiemRecords render_siem_records(const Alert &a, Ticks last_processed) {
  const DeviceEvidence *device = first_evidence<DeviceEvidence>(a);
  const std::string link_wdatp = "https://securitycenter.windows.com/alert/" + a.id;
  const std::string link_mtp = "https://security.microsoft.com/alert/" + a.id;
  const std::string by_alert = "/incidents/byalert?alertId=" + a.id + "&source=SIEM";
  const std::optional<bool> av_remediated = remediated(a);
  const std::optional<bool> was_executing = av_remediated ? std::optional<bool>{a.severity == "high"} : std::nullopt;

  SiemRecords out{last_processed, {}};
  const std::vector<Indicator> iocs = indicators(a);
  for (std::size_t part = 0; part < iocs.size(); ++part) {
    const Indicator &ioc = iocs[part];
    Rng r(stable_hash(a.id) ^ (0x51E3ULL + part));
    std::string raw(32, '\0');
    for (auto &c : raw) c = static_cast<char>(r.below(256));
    const std::string ioc_unique_id = base64_encode(raw);
    const std::string md5 = ioc.file ? Rng(stable_hash(ioc.file->sha1)).hex(32) : std::string();

    SiemRecord record;
    record.full_id = a.id + ':' + ioc_unique_id;
    if (device) {
      record.machine_group = device->rbac_group_name;
      record.device_tags = device->registry_tags;
      record.cloud_tags = device->portal_tags;
    }

    JsonWriter w;
    w.begin_object();
    w.key("AlertTime").time(a.created);
    w.key("ComputerDnsName").str(device ? device->device_dns_name : "");
    w.key("AlertTitle").str(a.title);
    w.key("Category").str(a.category);
    w.key("Severity").str(to_mde(mde_severities(), a.severity).value_or(""));
    w.key("AlertId").str(a.id);
    w.key("Actor").str(a.actor_display_name.value_or(""));
    w.key("LinkToWDATP").str(link_wdatp);
    w.key("IocName").str("");
    w.key("IocValue").str("");
    w.key("CreatorIocName").str("");
    w.key("CreatorIocValue").str("");
    w.key("Sha1").str(ioc.file ? ioc.file->sha1 : "");
    w.key("FileName").str(ioc.file ? ioc.file->file_name : "");
    w.key("FilePath").str(ioc.file ? ioc.file->file_path : "");
    w.key("IpAddress").str(ioc.ip);
    w.key("Url").str(ioc.url);
    w.key("IoaDefinitionId").str(a.detector_id);
    w.key("UserName").str(ioc.user ? ioc.user->account_name : "");
    w.key("AlertPart").integer(static_cast<std::int64_t>(part));
    w.key("FullId").str(record.full_id);
    w.key("LastProcessedTimeUtc").time(last_processed);
    w.key("ThreatCategory").str(threat_category(a));
    w.key("ThreatFamily").str(a.threat_family_name.value_or(""));
    w.key("ThreatName").str(a.threat_display_name.value_or(""));
    w.key("RemediationAction").str(av_remediated.value_or(false) ? "quarantine" : "");
    w.key("RemediationIsSuccess");
    opt_bool(w, av_remediated);
    w.key("Source").str(siem_source(a.detection_source));
    w.key("Md5").str(md5);
    w.key("Sha256").str(ioc.file ? ioc.file->sha256 : "");
    w.key("WasExecutingWhileDetected");
    opt_bool(w, was_executing);
    w.key("UserDomain").str(ioc.user ? ioc.user->domain_name : "");
    w.key("LogOnUsers").str(logged_on_users(device));
    w.key("MachineDomain").str(device ? device->dns_domain : "");
    w.key("MachineName").str(device ? device->host_name : "");
    w.key("InternalIPv4List").str(addresses(device, false));
    w.key("InternalIPv6List").str(addresses(device, true));
    w.key("FileHash").str(ioc.file ? ioc.file->sha1 : "");
    w.key("DeviceID").str(device ? device->mde_device_id : "");
    w.key("MachineGroup").str(record.machine_group);
    w.key("Description").str(a.description);
    w.key("DeviceCreatedMachineTags").str(join(record.device_tags, ", "));
    w.key("CloudCreatedMachineTags").str(join(record.cloud_tags, ", "));
    w.key("CommandLine").str(ioc.command_line);
    w.key("IncidentLinkToWDATP").str("https://securitycenter.windows.com" + by_alert);
    w.key("ReportID").integer(static_cast<std::int64_t>(r.below(2'000'000'000)));
    w.key("LinkToMTP").str(link_mtp);
    w.key("IncidentLinkToMTP").str("https://security.microsoft.com" + by_alert);
    w.key("ExternalId").str(upper(r.hex(40)));
    w.key("IocUniqueId").str(ioc_unique_id);
    w.end_object();
    record.json = w.take();
    out.records.push_back(std::move(record));
  }
  return out;
}

}  // namespace sim
