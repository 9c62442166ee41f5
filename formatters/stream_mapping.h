// The CEF and LEEF mapping of Streaming API records, defined once: per Advanced Hunting table, which column goes to
// which CEF key and which LEEF key, under which length limit. The stream formatters write from these tables, and
// config/stream-mapping.md is checked against them (test_stream_mapping_table.cpp).
//
// A column goes to a key of the standard where the key means the same thing; else to its own custom key, named as the
// generic mapping names every column (generic_cef_key, generic_leef_key), so a SIEM rule reads a column under one key
// whichever table it comes from. Columns a table does not list, and every column of a table not listed here, are
// written under their generic keys after the listed ones: no column is left out.
//
// Which side a device is on: the Device tables report what happened on the device, so the device and what acted
// there are the source (shost, src, spt, sproc, spid, suser), and what was acted on or reached is the destination
// (dst, dpt, dhost, dpid, duser). The Identity tables report an account signing in from a device to a destination.
// E-mail goes from its sender (suser, src) to its recipient (duser).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "leef_mapping.h"
#include "mapping_table.h"
#include "text.h"

namespace defender {

struct StreamColumnKey {
  std::string_view column;
  std::string_view cef;
  std::string_view leef;
  size_t limit;  // most bytes of the value before escaping, in both formats
};

struct StreamTableMapping {
  std::string_view table;
  std::span<const StreamColumnKey> keys;  // in output order
};

// Custom keys are named Vendor+Product+Name, as the CEF standard asks and the alert keys are.
inline constexpr std::string_view stream_cef_custom_prefix = "MicrosoftDefender";
// Limits of the columns written under generic keys: the standard's limit for custom strings.
inline constexpr size_t stream_generic_limit = 4000;
// The most letters and digits of a column name a generic key takes: Advanced Hunting's longest names have some 40, and
// a name is text from outside.
inline constexpr size_t stream_key_name_limit = 100;

// The CEF key a column has when no standard key means the same: "MicrosoftDefender" and the column name's ASCII
// letters and digits.
constexpr bool is_generic_cef_key(std::string_view key, std::string_view column) {
  if (!key.starts_with(stream_cef_custom_prefix)) return false;
  key.remove_prefix(stream_cef_custom_prefix.size());
  for (char c : column) {
    if (!is_alphanumeric(c)) continue;
    if (key.empty() || key.front() != c) return false;
    key.remove_prefix(1);
  }
  return key.empty();
}

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

// Calls put for each character of the column's lowerCamelCase LEEF key: its ASCII letters and digits, with the leading
// run of capitals in lower case, except the last of two or more when a lower-case letter follows it (FileName ->
// fileName, SHA1 -> sha1, IPAddress -> ipAddress, RemoteIP -> remoteIP).
template <class Put>
constexpr void for_each_lower_camel(std::string_view column, Put put) {
  size_t i = 0;
  size_t run = 0;  // letters and digits seen so far
  bool leading = true;
  for (; i < column.size(); ++i) {
    const char c = column[i];
    if (!is_alphanumeric(c)) continue;
    if (leading && is_ascii_upper(c)) {
      size_t next = i + 1;
      while (next < column.size() && !is_alphanumeric(column[next])) ++next;
      const bool keep = run > 0 && next < column.size() && is_ascii_lower(column[next]);
      put(keep ? c : ascii_lower(c));
    } else {
      leading = false;
      put(c);
    }
    ++run;
  }
}

constexpr bool is_generic_leef_key(std::string_view key, std::string_view column) {
  bool same = true;
  size_t at = 0;
  for_each_lower_camel(column, [&](char c) {
    if (at >= key.size() || key[at] != c) same = false;
    ++at;
  });
  return same && at == key.size();
}

namespace stream_columns {

// Limits: the CEF standard's for its keys (1023 text, 255 domains, 45 an IP address, 40 externalId), LEEF's 255 for
// usrName, and 4000 (the standard's custom string) for command lines and other long text.
inline constexpr std::array device = {
    StreamColumnKey{"ReportId", "externalId", "externalId", 40},
    StreamColumnKey{"DeviceName", "shost", "identHostName", 1023},
    StreamColumnKey{"DeviceId", "deviceExternalId", "deviceId", 255},
    StreamColumnKey{"ActionType", "act", "actionType", 1023},
    StreamColumnKey{"MachineGroup", "MicrosoftDefenderMachineGroup", "machineGroup", 1023},
};

inline constexpr std::array initiating_process = {
    StreamColumnKey{"InitiatingProcessFileName", "sproc", "initiatingProcessFileName", 1023},
    StreamColumnKey{"InitiatingProcessId", "spid", "initiatingProcessId", 1023},
    StreamColumnKey{"InitiatingProcessAccountName", "suser", "usrName", 255},
    StreamColumnKey{"InitiatingProcessAccountDomain", "sntdom", "initiatingProcessAccountDomain", 255},
    StreamColumnKey{"InitiatingProcessAccountSid", "suid", "initiatingProcessAccountSid", 1023},
    StreamColumnKey{"InitiatingProcessFolderPath", "MicrosoftDefenderInitiatingProcessFolderPath",
                    "initiatingProcessFolderPath", 1023},
    StreamColumnKey{"InitiatingProcessSHA1", "MicrosoftDefenderInitiatingProcessSHA1", "initiatingProcessSHA1", 1023},
    StreamColumnKey{"InitiatingProcessCommandLine", "MicrosoftDefenderInitiatingProcessCommandLine",
                    "initiatingProcessCommandLine", 4000},
    StreamColumnKey{"InitiatingProcessParentFileName", "MicrosoftDefenderInitiatingProcessParentFileName",
                    "initiatingProcessParentFileName", 1023},
};

inline constexpr std::array file = {
    StreamColumnKey{"FileName", "fname", "fileName", 1023},
    StreamColumnKey{"FolderPath", "filePath", "folderPath", 1023},
    StreamColumnKey{"SHA1", "fileHash", "sha1", 255},
    StreamColumnKey{"SHA256", "MicrosoftDefenderSHA256", "sha256", 1023},
    StreamColumnKey{"MD5", "MicrosoftDefenderMD5", "md5", 1023},
    StreamColumnKey{"FileSize", "fsize", "fileSize", 1023},
    StreamColumnKey{"PreviousFileName", "oldFileName", "previousFileName", 1023},
    StreamColumnKey{"PreviousFolderPath", "oldFilePath", "previousFolderPath", 1023},
};

// The process that was started or acted on, and the account it runs as.
inline constexpr std::array process = {
    StreamColumnKey{"ProcessId", "dpid", "processId", 1023},
    StreamColumnKey{"ProcessCommandLine", "MicrosoftDefenderProcessCommandLine", "processCommandLine", 4000},
};

inline constexpr std::array account = {
    StreamColumnKey{"AccountName", "duser", "accountName", 1023},
    StreamColumnKey{"AccountDomain", "dntdom", "accountDomain", 255},
    StreamColumnKey{"AccountSid", "duid", "accountSid", 1023},
};

inline constexpr std::array network = {
    StreamColumnKey{"LocalIP", "src", "src", 45},
    StreamColumnKey{"LocalPort", "spt", "srcPort", 1023},
    StreamColumnKey{"RemoteIP", "dst", "dst", 45},
    StreamColumnKey{"RemotePort", "dpt", "dstPort", 1023},
    StreamColumnKey{"RemoteDeviceName", "dhost", "remoteDeviceName", 1023},
    StreamColumnKey{"Protocol", "proto", "proto", 1023},
    StreamColumnKey{"RemoteUrl", "request", "url", 1023},
};

inline constexpr std::array registry = {
    StreamColumnKey{"RegistryKey", "MicrosoftDefenderRegistryKey", "registryKey", 4000},
    StreamColumnKey{"RegistryValueName", "MicrosoftDefenderRegistryValueName", "registryValueName", 4000},
    StreamColumnKey{"RegistryValueData", "MicrosoftDefenderRegistryValueData", "registryValueData", 4000},
};

inline constexpr std::array device_network_info = {
    StreamColumnKey{"MacAddress", "smac", "srcMAC", 1023},
    StreamColumnKey{"IPAddresses", "MicrosoftDefenderIPAddresses", "ipAddresses", 4000},
};

inline constexpr std::array device_info = {
    StreamColumnKey{"PublicIP", "src", "src", 45},
    StreamColumnKey{"OSPlatform", "MicrosoftDefenderOSPlatform", "osPlatform", 1023},
};

inline constexpr std::array alert = {
    StreamColumnKey{"AlertId", "externalId", "externalId", 40},
    StreamColumnKey{"Title", "msg", "title", 1023},
    StreamColumnKey{"Category", "cat", "cat", 1023},
    StreamColumnKey{"Severity", "MicrosoftDefenderSeverity", "severity", 1023},
    StreamColumnKey{"DetectionSource", "sourceServiceName", "detectionSource", 1023},
    StreamColumnKey{"ServiceSource", "MicrosoftDefenderServiceSource", "serviceSource", 1023},
    StreamColumnKey{"AttackTechniques", "MicrosoftDefenderAttackTechniques", "attackTechniques", 4000},
};

inline constexpr std::array alert_evidence = {
    StreamColumnKey{"EntityType", "MicrosoftDefenderEntityType", "entityType", 1023},
    StreamColumnKey{"EvidenceRole", "MicrosoftDefenderEvidenceRole", "evidenceRole", 1023},
    StreamColumnKey{"DeviceName", "shost", "identHostName", 1023},
    StreamColumnKey{"DeviceId", "deviceExternalId", "deviceId", 255},
    StreamColumnKey{"RemoteIP", "dst", "dst", 45},
    StreamColumnKey{"RemoteUrl", "request", "url", 1023},
    StreamColumnKey{"NetworkMessageId", "MicrosoftDefenderNetworkMessageId", "networkMessageId", 1023},
};

inline constexpr std::array email = {
    StreamColumnKey{"ReportId", "externalId", "externalId", 40},
    StreamColumnKey{"NetworkMessageId", "MicrosoftDefenderNetworkMessageId", "networkMessageId", 1023},
    StreamColumnKey{"InternetMessageId", "MicrosoftDefenderInternetMessageId", "internetMessageId", 1023},
    StreamColumnKey{"SenderFromAddress", "suser", "senderFromAddress", 1023},
    StreamColumnKey{"SenderMailFromAddress", "MicrosoftDefenderSenderMailFromAddress", "senderMailFromAddress", 1023},
    StreamColumnKey{"SenderIPv4", "src", "src", 45},
    StreamColumnKey{"RecipientEmailAddress", "duser", "recipientEmailAddress", 1023},
    StreamColumnKey{"Subject", "msg", "subject", 1023},
    StreamColumnKey{"ActionType", "act", "actionType", 1023},
    StreamColumnKey{"Url", "request", "url", 1023},
};

inline constexpr std::array url_click = {
    StreamColumnKey{"ReportId", "externalId", "externalId", 40},
    StreamColumnKey{"ActionType", "act", "actionType", 1023},
    StreamColumnKey{"Url", "request", "url", 1023},
    StreamColumnKey{"AccountUpn", "suser", "usrName", 255},
    StreamColumnKey{"IPAddress", "src", "src", 45},
    StreamColumnKey{"NetworkMessageId", "MicrosoftDefenderNetworkMessageId", "networkMessageId", 1023},
};

inline constexpr std::array identity = {
    StreamColumnKey{"ReportId", "externalId", "externalId", 40},
    StreamColumnKey{"ActionType", "act", "actionType", 1023},
    StreamColumnKey{"AccountName", "suser", "usrName", 255},
    StreamColumnKey{"AccountDomain", "sntdom", "accountDomain", 255},
    StreamColumnKey{"AccountSid", "suid", "accountSid", 1023},
    StreamColumnKey{"AccountUpn", "MicrosoftDefenderAccountUpn", "accountUpn", 1023},
    StreamColumnKey{"DeviceName", "shost", "identHostName", 1023},
    StreamColumnKey{"IPAddress", "src", "src", 45},
    StreamColumnKey{"Port", "spt", "srcPort", 1023},
    StreamColumnKey{"DestinationDeviceName", "dhost", "destinationDeviceName", 1023},
    StreamColumnKey{"DestinationIPAddress", "dst", "dst", 45},
    StreamColumnKey{"DestinationPort", "dpt", "dstPort", 1023},
    StreamColumnKey{"Protocol", "proto", "proto", 1023},
};

inline constexpr std::array cloud_app = {
    StreamColumnKey{"ReportId", "externalId", "externalId", 40},
    StreamColumnKey{"ActionType", "act", "actionType", 1023},
    StreamColumnKey{"Application", "MicrosoftDefenderApplication", "application", 1023},
    StreamColumnKey{"AccountDisplayName", "suser", "usrName", 255},
    StreamColumnKey{"AccountObjectId", "suid", "accountObjectId", 1023},
    StreamColumnKey{"IPAddress", "src", "src", 45},
    StreamColumnKey{"UserAgent", "requestClientApplication", "userAgent", 1023},
    StreamColumnKey{"ObjectName", "MicrosoftDefenderObjectName", "objectName", 1023},
};

template <size_t... N>
constexpr auto joined(const std::array<StreamColumnKey, N> &...parts) {
  std::array<StreamColumnKey, (N + ...)> out{};
  size_t at = 0;
  ((at = std::copy(parts.begin(), parts.end(), out.begin() + at) - out.begin()), ...);
  return out;
}

inline constexpr auto process_events = joined(device, file, process, account, initiating_process);
inline constexpr auto network_events = joined(device, network, initiating_process);
inline constexpr auto file_events = joined(device, file, initiating_process);
inline constexpr auto logon_events = joined(device, account, network, initiating_process);
inline constexpr auto registry_events = joined(device, registry, initiating_process);
inline constexpr auto image_load_events = joined(device, file, initiating_process);
inline constexpr auto device_events = joined(device, file, process, account, network, registry, initiating_process);
inline constexpr auto file_certificate_info = joined(device, file);
inline constexpr auto device_info_table = joined(device, device_info);
inline constexpr auto device_network_info_table = joined(device, device_network_info);
inline constexpr auto alert_info_table = alert;
inline constexpr auto alert_evidence_table = joined(alert, alert_evidence, file, process, account);
inline constexpr auto email_attachment = joined(email, file);

}  // namespace stream_columns

inline constexpr std::array stream_tables{
    StreamTableMapping{"DeviceProcessEvents", stream_columns::process_events},
    StreamTableMapping{"DeviceNetworkEvents", stream_columns::network_events},
    StreamTableMapping{"DeviceFileEvents", stream_columns::file_events},
    StreamTableMapping{"DeviceLogonEvents", stream_columns::logon_events},
    StreamTableMapping{"DeviceRegistryEvents", stream_columns::registry_events},
    StreamTableMapping{"DeviceImageLoadEvents", stream_columns::image_load_events},
    StreamTableMapping{"DeviceEvents", stream_columns::device_events},
    StreamTableMapping{"DeviceFileCertificateInfo", stream_columns::file_certificate_info},
    StreamTableMapping{"DeviceInfo", stream_columns::device_info_table},
    StreamTableMapping{"DeviceNetworkInfo", stream_columns::device_network_info_table},
    StreamTableMapping{"AlertInfo", stream_columns::alert_info_table},
    StreamTableMapping{"AlertEvidence", stream_columns::alert_evidence_table},
    StreamTableMapping{"EmailEvents", stream_columns::email},
    StreamTableMapping{"EmailAttachmentInfo", stream_columns::email_attachment},
    StreamTableMapping{"EmailUrlInfo", stream_columns::email},
    StreamTableMapping{"EmailPostDeliveryEvents", stream_columns::email},
    StreamTableMapping{"UrlClickEvents", stream_columns::url_click},
    StreamTableMapping{"IdentityLogonEvents", stream_columns::identity},
    StreamTableMapping{"IdentityQueryEvents", stream_columns::identity},
    StreamTableMapping{"IdentityDirectoryEvents", stream_columns::identity},
    StreamTableMapping{"CloudAppEvents", stream_columns::cloud_app},
};

// The listed columns of a table; empty for a table not listed, which takes the generic mapping only.
constexpr std::span<const StreamColumnKey> stream_columns_of(std::string_view table) {
  for (const StreamTableMapping &mapping : stream_tables)
    if (mapping.table == table) return mapping.keys;
  return {};
}

// Keys the stream formatters write from the envelope, not from a column; a column's generic key that would equal one
// is written with "Column" after the custom prefix (CEF) or before the name (LEEF) instead.
inline constexpr std::array<std::string_view, 4> stream_cef_envelope_keys{
    "rt", "deviceCustomDate1", "deviceCustomDate1Label", "MicrosoftDefenderTenantId"};
inline constexpr std::array<std::string_view, 4> stream_leef_envelope_keys{"devTime", "recordTime", "tenantId", "sev"};

namespace stream_mapping_checks {

constexpr bool is_leef_predefined(std::string_view key) {
  return std::find(leef_predefined_keys.begin(), leef_predefined_keys.end(), key) != leef_predefined_keys.end();
}

constexpr bool table_well_formed(std::span<const StreamColumnKey> keys) {
  for (size_t i = 0; i < keys.size(); ++i) {
    const StreamColumnKey &k = keys[i];
    if (!is_alphanumeric_word(k.cef) || !is_alphanumeric_word(k.leef)) return false;
    if (k.limit < truncation_marker.size()) return false;
    // A custom key is the column's generic key, so one column reads the same in every table; a LEEF key that is not
    // predefined (or externalId, which the alert mapping fixes too) is the column's lowerCamelCase name.
    if (k.cef.starts_with(stream_cef_custom_prefix) && !is_generic_cef_key(k.cef, k.column)) return false;
    if (!is_leef_predefined(k.leef) && k.leef != "externalId" && !is_generic_leef_key(k.leef, k.column)) return false;
    if (k.leef == "usrName" && k.limit > 255) return false;  // LEEF's own limit
    for (size_t j = 0; j < i; ++j)
      if (keys[j].column == k.column || keys[j].cef == k.cef || keys[j].leef == k.leef) return false;
    for (std::string_view envelope : stream_cef_envelope_keys)
      if (k.cef == envelope) return false;
    for (std::string_view envelope : stream_leef_envelope_keys)
      if (k.leef == envelope) return false;
  }
  return true;
}

constexpr bool tables_well_formed() {
  for (size_t i = 0; i < stream_tables.size(); ++i) {
    if (!table_well_formed(stream_tables[i].keys)) return false;
    for (size_t j = 0; j < i; ++j)
      if (stream_tables[j].table == stream_tables[i].table) return false;
  }
  return true;
}

static_assert(tables_well_formed(),
              "stream keys: alphanumeric, one per column and table, custom keys named for their column, limits hold "
              "the marker, no envelope key");

}  // namespace stream_mapping_checks

}  // namespace defender
