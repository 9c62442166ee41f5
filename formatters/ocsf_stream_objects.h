// The objects format(ocsf) writes for stream records, from the columns the Advanced Hunting tables share: users,
// files with their hashes, processes, the actor, the device and network endpoints. Each takes its columns from the
// row (marking them mapped) and adds its observables. docs/ocsf.md has the mapping.
#pragma once

#include <optional>
#include <string_view>

#include "json_writer.h"
#include "ocsf_members.h"
#include "ocsf_stream_row.h"

namespace defender::ocsf_stream {

// What a row lacks that its class requires: this word, or (where OCSF wants an e-mail address) an address in the
// .invalid domain, which RFC 2606 reserves for names that are sure not to exist.
constexpr std::string_view placeholder = "Unknown";
constexpr std::string_view placeholder_email = "unknown@unknown.invalid";

struct StreamEventWriter {
  JsonWriter &json;
  StreamRow &row;
  Observed &observed;
};

struct UserColumns {
  std::string_view name, domain, sid, object_id;
};

struct FileColumns {
  std::string_view name, path, sha1, sha256, md5, size;
};

struct ProcessColumns {
  std::string_view pid, cmd_line, created, integrity;
  FileColumns file;
  UserColumns user;
  std::string_view parent_pid, parent_name, parent_created;  // none for a process whose parent is the actor
};

inline constexpr UserColumns account{"AccountName", "AccountDomain", "AccountSid", "AccountObjectId"};
inline constexpr FileColumns file_columns{"FileName", "FolderPath", "SHA1", "SHA256", "MD5", "FileSize"};
inline constexpr ProcessColumns initiating_process{
    "InitiatingProcessId",
    "InitiatingProcessCommandLine",
    "InitiatingProcessCreationTime",
    "InitiatingProcessIntegrityLevel",
    {"InitiatingProcessFileName", "InitiatingProcessFolderPath", "InitiatingProcessSHA1", "InitiatingProcessSHA256",
     "InitiatingProcessMD5", "InitiatingProcessFileSize"},
    {"InitiatingProcessAccountName", "InitiatingProcessAccountDomain", "InitiatingProcessAccountSid",
     "InitiatingProcessAccountObjectId"},
    "InitiatingProcessParentId",
    "InitiatingProcessParentFileName",
    "InitiatingProcessParentCreationTime"};
inline constexpr ProcessColumns started_process{
    "ProcessId", "ProcessCommandLine", "ProcessCreationTime", "ProcessIntegrityLevel", file_columns, account, {}, {},
    {}};

struct EndpointColumns {
  std::string_view ip, port, hostname;
};

bool has_user(const StreamRow &row, const UserColumns &c);
// A user by name or SID; with neither, the placeholder name when the class requires one, else nothing.
void user(StreamEventWriter &w, std::string_view key, std::string_view at, const UserColumns &c, bool required);
// A file by its name; without one, the placeholder name when the class requires the file, else nothing (its columns
// then stay unmapped). Its hashes as fingerprints.
void file(StreamEventWriter &w, std::string_view key, std::string_view at, const FileColumns &c, bool required);
// A process by its pid; without one, uid is the placeholder, as OCSF needs a pid, uid or cpid.
void process(StreamEventWriter &w, std::string_view key, std::string_view at, const ProcessColumns &c);
// `actor`: the initiating process, which acted; its account when the row names no process.
void actor(StreamEventWriter &w);
// The device the row is about (its id, name and device group), when the row names one or the class requires it;
// with an inventory type (DeviceInfo, whose type may be 0 Unknown), also what it is: model, vendor, operating system.
// Without a name or id it is named by the placeholder, as OCSF needs a device to have an identifier.
void device(StreamEventWriter &w, bool required, std::string_view at = "device",
            std::optional<Enum> inventory_type = std::nullopt);
bool has_endpoint(const StreamRow &row, const EndpointColumns &c);
// A network endpoint; one the class requires and the row does not give is named by the placeholder.
void endpoint(StreamEventWriter &w, std::string_view key, std::string_view at, const EndpointColumns &c, bool required);

}  // namespace defender::ocsf_stream
