// The organisation whose activity the records report: devices, people, programs, documents and the sites they reach,
// made once per seed, so that rows name the same device or file again as real telemetry does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamsim {

struct Device {
  std::string id;      // 40 hex digits, as Defender for Endpoint's DeviceId
  std::string aad_id;  // a GUID
  std::string name;    // "ws-fin-0412.contoso.com"
  std::string os_platform;
  std::int64_t os_build = 0;
  std::string os_architecture;
  std::string local_ip;
  std::string public_ip;
  std::string mac;                           // "00-15-5D-4A-11-0C"
  std::optional<std::string> machine_group;  // ungrouped devices have none
  bool windows = true;
};

struct Account {
  std::string name;    // "anovak"
  std::string domain;  // "CONTOSO"
  std::string sid;
  std::string upn;  // "alice.novak@contoso.com"
  std::string object_id;
  std::string display_name;
};

// A program, library or document on disk.
struct FileInfo {
  std::string name;    // "powershell.exe"
  std::string folder;  // "C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe": Defender's FolderPath
  std::string sha1;
  std::string sha256;
  std::string md5;
  std::int64_t size = 0;
  std::string company;  // empty for documents
};

struct Site {
  std::string url;
  std::string domain;
  std::string ip;
  int port = 443;
};

struct Estate {
  std::string tenant_domain;  // "contoso.com"
  std::vector<Device> devices;
  std::vector<Account> people;
  std::vector<Account> service_accounts;  // SYSTEM, NETWORK SERVICE, svc-*
  std::vector<FileInfo> programs;
  std::vector<FileInfo> libraries;
  std::vector<FileInfo> documents;
  std::vector<Site> sites;
  std::vector<std::string> mail_domains;  // other organisations' domains
};

Estate make_estate(std::uint64_t seed);

}  // namespace streamsim
