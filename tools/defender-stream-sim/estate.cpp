#include "estate.h"

#include <array>
#include <string_view>

#include "defender-sim/random.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kTenantDomain = "contoso.com";
constexpr std::size_t kDevices = 48;
constexpr std::size_t kPeople = 40;

constexpr std::array kFirstNames{"Alice"sv,  "Bruno"sv, "Chen"sv,  "Dmitri"sv,  "Elena"sv, "Farid"sv, "Grace"sv,
                                 "Hiro"sv,   "Ines"sv,  "Jamal"sv, "Kirsten"sv, "Lars"sv,  "Maria"sv, "Nadia"sv,
                                 "Omar"sv,   "Priya"sv, "Quinn"sv, "Rosa"sv,    "Sven"sv,  "Tomás"sv, "Uma"sv,
                                 "Victor"sv, "Wei"sv,   "Yara"sv,  "Zoë"sv};
constexpr std::array kLastNames{"Novak"sv,  "Garcia"sv, "Okafor"sv,   "Schmidt"sv, "Tanaka"sv, "Rossi"sv,
                                "Haddad"sv, "Silva"sv,  "Berg"sv,     "Moreau"sv,  "Patel"sv,  "Ivanova"sv,
                                "Costa"sv,  "Nguyen"sv, "Kowalski"sv, "Müller"sv,  "O'Brien"sv};
constexpr std::array kDepartments{"fin"sv, "hr"sv, "eng"sv, "ops"sv, "mkt"sv, "sales"sv, "legal"sv};
constexpr std::array kServerRoles{"sql"sv, "web"sv, "dc"sv, "file"sv, "app"sv, "build"sv};

struct ProgramSpec {
  std::string_view name;
  std::string_view directory;
  std::string_view company;
};

constexpr std::array kPrograms{
    ProgramSpec{"cmd.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"powershell.exe", R"(C:\Windows\System32\WindowsPowerShell\v1.0)", "Microsoft Corporation"},
    ProgramSpec{"pwsh.exe", R"(C:\Program Files\PowerShell\7)", "Microsoft Corporation"},
    ProgramSpec{"rundll32.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"regsvr32.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"mshta.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"WMIC.exe", R"(C:\Windows\System32\wbem)", "Microsoft Corporation"},
    ProgramSpec{"svchost.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"explorer.exe", R"(C:\Windows)", "Microsoft Corporation"},
    ProgramSpec{"WINWORD.EXE", R"(C:\Program Files\Microsoft Office\root\Office16)", "Microsoft Corporation"},
    ProgramSpec{"EXCEL.EXE", R"(C:\Program Files\Microsoft Office\root\Office16)", "Microsoft Corporation"},
    ProgramSpec{"OUTLOOK.EXE", R"(C:\Program Files\Microsoft Office\root\Office16)", "Microsoft Corporation"},
    ProgramSpec{"chrome.exe", R"(C:\Program Files\Google\Chrome\Application)", "Google LLC"},
    ProgramSpec{"msedge.exe", R"(C:\Program Files (x86)\Microsoft\Edge\Application)", "Microsoft Corporation"},
    ProgramSpec{"certutil.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"schtasks.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"net.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"whoami.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"bitsadmin.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"curl.exe", R"(C:\Windows\System32)", "curl, https://curl.se/"},
    ProgramSpec{"msiexec.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"lsass.exe", R"(C:\Windows\System32)", "Microsoft Corporation"},
    ProgramSpec{"MsMpEng.exe", R"(C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24090.11-0)",
                "Microsoft Corporation"},
    ProgramSpec{"python.exe", R"(C:\Program Files\Python312)", "Python Software Foundation"},
    ProgramSpec{"sqlservr.exe", R"(C:\Program Files\Microsoft SQL Server\MSSQL16.MSSQLSERVER\MSSQL\Binn)",
                "Microsoft Corporation"},
    ProgramSpec{"w3wp.exe", R"(C:\Windows\System32\inetsrv)", "Microsoft Corporation"},
    ProgramSpec{"AnyDesk.exe", R"(C:\Users\Public\Downloads)", "philandro Software GmbH"},
    ProgramSpec{"bash", "/usr/bin", ""},
    ProgramSpec{"sshd", "/usr/sbin", ""},
    ProgramSpec{"python3", "/usr/bin", ""},
};

constexpr std::array kLibraries{"ntdll.dll"sv,    "kernel32.dll"sv, "amsi.dll"sv,
                                "clr.dll"sv,      "vbscript.dll"sv, "wininet.dll"sv,
                                "samlib.dll"sv,   "dbghelp.dll"sv,  "winhttp.dll"sv,
                                "taskschd.dll"sv, "crypt32.dll"sv,  "System.Management.Automation.ni.dll"sv};

constexpr std::array kDocuments{"Q3-forecast.xlsx"sv,    "invoice_88121.pdf"sv, "invoice_88121.pdf.exe"sv,
                                "board-minutes.docx"sv,  "setup.msi"sv,         "roadmap 2026.pptx"sv,
                                "payroll_export.csv"sv,  "update.ps1"sv,        "backup.zip"sv,
                                "Résumé – final.docx"sv, "keys.txt"sv,          "report.lnk"sv};
constexpr std::array kDocumentFolders{"Documents"sv, "Downloads"sv, "Desktop"sv, R"(AppData\Local\Temp)"sv,
                                      R"(OneDrive - Contoso\Shared)"sv};

struct SiteSpec {
  std::string_view url;
  std::string_view domain;
};

constexpr std::array kSites{
    SiteSpec{"https://login.microsoftonline.com/common/oauth2/v2.0/authorize", "login.microsoftonline.com"},
    SiteSpec{"https://contoso.sharepoint.com/sites/finance/Shared%20Documents/Q3-forecast.xlsx",
             "contoso.sharepoint.com"},
    SiteSpec{"https://www.bing.com/search?q=quarterly+report+template", "www.bing.com"},
    SiteSpec{"https://github.com/contoso/tools/releases/download/v2.1/tools.zip", "github.com"},
    SiteSpec{"https://cdn.updates-contoso.example/pkg/update.bin", "cdn.updates-contoso.example"},
    SiteSpec{"http://198.51.100.23/a.ps1", "198.51.100.23"},
    SiteSpec{"https://storage.fabrikam.example/share/invoice_88121.zip?sig=Zm9vYmFy&se=2025-06-03",
             "storage.fabrikam.example"},
    SiteSpec{"https://paste.example.org/raw/kq2Pz8", "paste.example.org"},
    SiteSpec{"https://teams.microsoft.com/l/meetup-join/19%3ameeting", "teams.microsoft.com"},
    SiteSpec{"https://xn--micrsoft-login-7sb.example/verify?user=alice", "xn--micrsoft-login-7sb.example"},
};

constexpr std::array kMailDomains{"fabrikam.example"sv, "northwind.example"sv, "adatum.example"sv, "tailspin.example"sv,
                                  "wingtip.example"sv};

// A name as account names and UPNs spell it: lower case ASCII letters, accents dropped ("Müller" -> "muller",
// "O'Brien" -> "obrien"). Display names keep the name as it is.
std::string ascii_letters(std::string_view text) {
  constexpr std::array<std::pair<std::string_view, char>, 4> kAccented{
      {{"á", 'a'}, {"é", 'e'}, {"ë", 'e'}, {"ü", 'u'}}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto &[accented, plain] : kAccented) {
      if (text.substr(i).starts_with(accented)) {
        out += plain;
        i += accented.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = text[i++];
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') out += c;
  }
  return out;
}

std::string decimal(sim::Rng &rng, int digits) {
  std::string out;
  for (int i = 0; i < digits; ++i) out += static_cast<char>('0' + (i == 0 ? rng.between(1, 9) : rng.between(0, 9)));
  return out;
}

std::string padded(std::uint64_t value, int width) {
  std::string text = std::to_string(value);
  return std::string(text.size() < static_cast<std::size_t>(width) ? width - text.size() : 0, '0') + text;
}

std::string upper_hex(sim::Rng &rng) {
  std::string out = rng.hex(2);
  for (auto &c : out)
    if (c >= 'a') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

Device make_device(sim::Rng &rng, std::size_t i) {
  Device d;
  d.id = rng.hex(40);
  d.aad_id = rng.guid();
  const auto kind = rng.below(100);
  const std::string_view department = kDepartments[rng.below(kDepartments.size())];
  const std::string_view role = kServerRoles[rng.below(kServerRoles.size())];
  d.os_architecture = "64-bit";
  if (kind < 70) {
    const bool eleven = rng.chance(60);
    d.os_platform = eleven ? "Windows11" : "Windows10";
    d.os_build = eleven ? 22631 : 19045;
    d.name = "ws-" + std::string(department) + "-" + padded(100 + i * 7, 4) + "." + std::string(kTenantDomain);
    d.machine_group = department == "fin" ? "Finance" : "Workstations";
  } else if (kind < 85) {
    const bool new_server = rng.chance(50);
    d.os_platform = new_server ? "WindowsServer2022" : "WindowsServer2019";
    d.os_build = new_server ? 20348 : 17763;
    d.name = "srv-" + std::string(role) + "-" + padded(i, 2) + "." + std::string(kTenantDomain);
    d.machine_group = role == "dc" ? "Domain Controllers" : "Servers";
  } else if (kind < 93) {
    d.os_platform = "Linux";
    d.name = "lnx-" + std::string(role) + "-" + padded(i, 2);
    d.machine_group = "Servers";
    d.windows = false;
  } else {
    d.os_platform = "macOS";
    d.os_architecture = "arm64";
    d.name = "mac-" + std::string(department) + "-" + padded(i, 3);
    d.windows = false;
  }
  if (rng.chance(25)) d.machine_group.reset();
  d.local_ip = "10." + std::to_string(rng.between(1, 40)) + "." + std::to_string(rng.between(0, 255)) + "." +
               std::to_string(rng.between(2, 254));
  d.public_ip = "203.0.113." + std::to_string(rng.between(1, 254));
  d.mac = "00-15-5D-" + upper_hex(rng) + "-" + upper_hex(rng) + "-" + upper_hex(rng);
  return d;
}

Account make_person(sim::Rng &rng, std::size_t i, const std::string &domain_sid) {
  const std::string_view first = kFirstNames[i % kFirstNames.size()];
  const std::string_view last = kLastNames[(i * 7 + rng.below(3)) % kLastNames.size()];
  Account a;
  a.name = ascii_letters(first.substr(0, 1)) + ascii_letters(last) + (i >= kFirstNames.size() ? "2" : "");
  a.domain = "CONTOSO";
  a.sid = domain_sid + "-" + std::to_string(1100 + i);
  a.upn = ascii_letters(first) + "." + ascii_letters(last) + (i >= kFirstNames.size() ? "2" : "") + "@" +
          std::string(kTenantDomain);
  a.object_id = rng.guid();
  a.display_name = std::string(first) + " " + std::string(last);
  return a;
}

std::vector<Account> service_accounts(sim::Rng &rng, const std::string &domain_sid) {
  std::vector<Account> accounts{
      {"system", "nt authority", "S-1-5-18", "", "", "SYSTEM"},
      {"local service", "nt authority", "S-1-5-19", "", "", "LOCAL SERVICE"},
      {"network service", "nt authority", "S-1-5-20", "", "", "NETWORK SERVICE"},
  };
  for (const std::string_view name : {"svc-backup"sv, "svc-sql"sv, "svc-deploy"sv}) {
    accounts.push_back({std::string(name), "CONTOSO", domain_sid + "-" + std::to_string(500 + accounts.size() * 3),
                        std::string(name) + "@" + std::string(kTenantDomain), rng.guid(), std::string(name)});
  }
  return accounts;
}

FileInfo make_file(sim::Rng &rng, std::string_view name, std::string folder, std::string_view company,
                   std::int64_t min_size, std::int64_t max_size) {
  FileInfo f;
  f.name = name;
  f.folder = std::move(folder);
  f.sha1 = rng.hex(40);
  f.sha256 = rng.hex(64);
  f.md5 = rng.hex(32);
  f.size = rng.between(min_size, max_size);
  f.company = company;
  return f;
}

std::string ip_of(sim::Rng &rng, std::string_view domain) {
  if (domain.starts_with("198.51.100.")) return std::string(domain);
  return "198.51.100." + std::to_string(rng.between(1, 254));
}

}  // namespace

Estate make_estate(std::uint64_t seed) {
  sim::Rng rng(sim::mix_seed(seed, 0xE57A7EULL));
  Estate e;
  e.tenant_domain = kTenantDomain;
  for (std::size_t i = 0; i < kDevices; ++i) e.devices.push_back(make_device(rng, i));
  const std::string domain_sid = "S-1-5-21-" + decimal(rng, 10) + "-" + decimal(rng, 10) + "-" + decimal(rng, 9);
  for (std::size_t i = 0; i < kPeople; ++i) e.people.push_back(make_person(rng, i, domain_sid));
  e.service_accounts = service_accounts(rng, domain_sid);
  for (const auto &p : kPrograms) {
    const char separator = p.directory.starts_with('/') ? '/' : '\\';
    e.programs.push_back(make_file(rng, p.name, std::string(p.directory) + separator + std::string(p.name), p.company,
                                   18'000, 9'000'000));
  }
  for (const auto name : kLibraries)
    e.libraries.push_back(make_file(rng, name, R"(C:\Windows\System32\)" + std::string(name), "Microsoft Corporation",
                                    40'000, 4'000'000));
  for (const auto name : kDocuments) {
    const Account &owner = e.people[rng.below(e.people.size())];
    const std::string_view folder = kDocumentFolders[rng.below(kDocumentFolders.size())];
    e.documents.push_back(make_file(rng, name,
                                    R"(C:\Users\)" + owner.name + "\\" + std::string(folder) + "\\" + std::string(name),
                                    "", 300, 25'000'000));
  }
  for (const auto &s : kSites)
    e.sites.push_back(
        {std::string(s.url), std::string(s.domain), ip_of(rng, s.domain), s.url.starts_with("https") ? 443 : 80});
  for (const auto domain : kMailDomains) e.mail_domains.emplace_back(domain);
  return e;
}

}  // namespace streamsim
