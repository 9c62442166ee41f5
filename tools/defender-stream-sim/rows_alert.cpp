// Microsoft Defender XDR's alert tables: the alerts of every product, and the entities they involve.
#include <array>
#include <string>
#include <string_view>

#include "rows.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

struct AlertKind {
  std::string_view title;
  std::string_view category;
  std::string_view severity;
  std::string_view service_source;
  std::string_view detection_source;
  std::string_view techniques;  // JSON inside a string, as Defender exports it
  std::string_view id_prefix;
  std::string_view entity;  // the EntityType of its main evidence
};

constexpr std::array kAlerts{
    AlertKind{"Suspicious PowerShell command line", "Execution", "Medium", "Microsoft Defender for Endpoint", "EDR",
              R"j(["PowerShell (T1059.001)","Obfuscated Files or Information (T1027)"])j", "da", "Process"},
    AlertKind{"Credential dumping activity observed", "CredentialAccess", "High", "Microsoft Defender for Endpoint",
              "EDR", R"j(["OS Credential Dumping (T1003)","LSASS Memory (T1003.001)"])j", "da", "Process"},
    AlertKind{"'Wacatac' malware was detected", "Malware", "Informational", "Microsoft Defender for Endpoint",
              "Antivirus", "[]", "da", "File"},
    AlertKind{"Ransomware behavior detected in the file system", "Ransomware", "High",
              "Microsoft Defender for Endpoint", "EDR", R"j(["Data Encrypted for Impact (T1486)"])j", "da", "File"},
    AlertKind{"Email messages containing malicious URL removed after delivery", "InitialAccess", "Medium",
              "Microsoft Defender for Office 365", "Microsoft Defender for Office 365",
              R"j(["Phishing (T1566)","Spearphishing Link (T1566.002)"])j", "fa", "MailMessage"},
    AlertKind{"Suspected brute-force attack (Kerberos, NTLM)", "CredentialAccess", "Medium",
              "Microsoft Defender for Identity", "Microsoft Defender for Identity", R"j(["Brute Force (T1110)"])j",
              "aa", "User"},
    AlertKind{"Mass download by a single user", "Exfiltration", "Low", "Microsoft Defender for Cloud Apps",
              "Microsoft Defender for Cloud Apps", "[]", "ca", "CloudApplication"},
    AlertKind{"Connection to a custom network indicator", "CommandAndControl", "Medium",
              "Microsoft Defender for Endpoint", "CustomTi", R"j(["Application Layer Protocol (T1071)"])j", "da", "Ip"},
    AlertKind{"Suspicious URL clicked", "InitialAccess", "High", "Microsoft Defender for Office 365",
              "Microsoft Defender for Office 365", R"j(["Phishing (T1566)"])j", "fa", "Url"},
};

const AlertKind &some_alert(Row &row) { return kAlerts[row.rng.below(kAlerts.size())]; }

std::string alert_id(Row &row, const AlertKind &kind) {
  if (kind.id_prefix == "da")
    return "da" + std::to_string(row.rng.between(638'000'000'000'000'000, 638'999'999'999'999'999)) + "_" +
           std::to_string(row.rng.between(-2'147'483'647, 2'147'483'647));
  return std::string(kind.id_prefix) + row.rng.guid();
}

void alert_head(Columns &columns, Row &row, const AlertKind &kind) {
  columns.id("AlertId", alert_id(row, kind));
  columns.text("Title", kind.title);
}

}  // namespace

void alert_info(Columns &columns, Row &row) {
  const AlertKind &kind = some_alert(row);
  alert_head(columns, row, kind);
  columns.id("Category", kind.category);
  columns.id("Severity", kind.severity);
  columns.id("ServiceSource", kind.service_source);
  columns.id("DetectionSource", kind.detection_source);
  columns.json_string("AttackTechniques", kind.techniques);
}

void alert_evidence(Columns &columns, Row &row) {
  const AlertKind &kind = some_alert(row);
  const bool main = row.rng.chance(60);
  const std::string_view entity =
      main ? kind.entity : std::array{"Machine"sv, "User"sv, "Ip"sv, "File"sv}[row.rng.below(4)];
  const Device &device = pick(row.rng, row.estate.devices);
  const Account &account = pick(row.rng, row.estate.people);
  const FileInfo &file = entity == "Process" ? program_for(row, device) : pick(row.rng, row.estate.documents);
  const Site &site = pick(row.rng, row.estate.sites);
  const bool has_file = entity == "Process" || entity == "File";
  const bool has_account = entity == "User" || entity == "Process" || entity == "MailMessage";

  alert_head(columns, row, kind);
  columns.json_string("Categories", "[\"" + std::string(kind.category) + "\"]");
  columns.json_string("AttackTechniques", kind.techniques);
  columns.id("ServiceSource", kind.service_source);
  columns.id("DetectionSource", kind.detection_source);
  columns.id("EntityType", entity);
  columns.id("EvidenceRole", main ? "Impacted" : "Related");
  columns.id_or_null("EvidenceDirection", entity == "Ip" ? std::optional<std::string>("Destination") : std::nullopt);
  columns.text_or_null("FileName", has_file ? file.name : "");
  columns.text_or_null("FolderPath", has_file ? file.folder : "");
  columns.id_or_null("SHA1", has_file ? std::optional(file.sha1) : std::nullopt);
  columns.id_or_null("SHA256", has_file ? std::optional(file.sha256) : std::nullopt);
  if (has_file)
    columns.number("FileSize", file.size);
  else
    columns.null("FileSize");
  columns.id_or_null("ThreatFamily", kind.category == "Malware" ? std::optional<std::string>("Wacatac") : std::nullopt);
  columns.id_or_null("RemoteIP", entity == "Ip" ? std::optional(site.ip) : std::nullopt);
  columns.text_or_null("RemoteUrl", entity == "Url" ? site.url : "");
  columns.text_or_null("AccountName", has_account ? account.name : "");
  columns.id_or_null("AccountDomain", has_account ? std::optional(account.domain) : std::nullopt);
  columns.id_or_null("AccountSid", has_account ? std::optional(account.sid) : std::nullopt);
  columns.id_or_null("AccountObjectId", has_account ? std::optional(account.object_id) : std::nullopt);
  columns.text_or_null("AccountUpn", has_account ? account.upn : "");
  columns.id_or_null("DeviceId", entity == "Machine" || has_file ? std::optional(device.id) : std::nullopt);
  columns.id_or_null("DeviceName", entity == "Machine" || has_file ? std::optional(device.name) : std::nullopt);
  columns.id_or_null("LocalIP", entity == "Machine" ? std::optional(device.local_ip) : std::nullopt);
  columns.id_or_null("NetworkMessageId", entity == "MailMessage" ? std::optional(row.rng.guid()) : std::nullopt);
  columns.text_or_null("EmailSubject", entity == "MailMessage" ? "Your invoice 88121 is overdue" : "");
  if (entity == "CloudApplication") {
    columns.number("ApplicationId", 20'893);
    columns.id("Application", "Microsoft SharePoint Online");
  } else {
    columns.null("ApplicationId");
    columns.null("Application");
  }
  columns.text_or_null("ProcessCommandLine", entity == "Process" ? command_line(row, file, account) : "");
  columns.json_string("AdditionalFields", R"({"Type":")" + std::string(entity) + R"(","Role":1})");
  columns.text_or_null("RegistryKey", "");
  columns.text_or_null("RegistryValueName", "");
  columns.text_or_null("RegistryValueData", "");
  columns.id("Severity", kind.severity);
}

}  // namespace streamsim
