// Defender for Cloud Apps' CloudAppEvents, and ExposureGraphNodes: a table config/stream-mapping.md does not list,
// which the module must still pass on, every column under its generic key.
#include <array>
#include <string>
#include <string_view>

#include "rows.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

struct CloudActivity {
  std::string_view action;
  std::string_view application;
  std::int64_t application_id;
  std::string_view object_type;
};

constexpr std::array kActivities{
    CloudActivity{"FileDownloaded", "Microsoft SharePoint Online", 20'892, "File"},
    CloudActivity{"MailItemsAccessed", "Microsoft Exchange Online", 20'893, "Mailbox"},
    CloudActivity{"FileUploaded", "Microsoft OneDrive for Business", 15'600, "File"},
    CloudActivity{"Add member to role.", "Microsoft Azure", 12'260, "Role"},
    CloudActivity{"MessageSent", "Microsoft Teams", 11'394, "Message"},
};

constexpr std::array kUserAgents{
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 "
    "Edg/126.0.0.0"sv,
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17726; Pro)"sv,
    "python-requests/2.31.0"sv,
};

}  // namespace

void cloud_app_events(Columns &columns, Row &row) {
  const CloudActivity &activity = kActivities[row.rng.below(kActivities.size())];
  const Account &account = pick(row.rng, row.estate.people);
  const FileInfo &document = pick(row.rng, row.estate.documents);
  columns.id("ActionType", activity.action);
  columns.id("Application", activity.application);
  columns.number("ApplicationId", activity.application_id);
  columns.id("AccountObjectId", account.object_id);
  columns.text("AccountId", account.upn);
  columns.text("AccountDisplayName", account.display_name);
  columns.boolean("IsAdminOperation", activity.object_type == "Role");
  columns.id("DeviceType", "Desktop");
  columns.id("OSPlatform", "Windows 10");
  columns.id("IPAddress", public_ip(row));
  columns.boolean("IsAnonymousProxy", row.rng.chance(3));
  columns.id("CountryCode", "US");
  columns.text("City", row.rng.chance(50) ? "Redmond" : "São Paulo");
  columns.text("ISP", "Example Telecom");
  columns.text("UserAgent", kUserAgents[row.rng.below(kUserAgents.size())]);
  columns.id("ActivityType", "Download");
  columns.nested("ActivityObjects", R"([{"Type":"File","Role":"Target Object","Name":")" + row.rng.hex(8) + R"("}])");
  columns.text("ObjectName", document.name);
  columns.id("ObjectType", activity.object_type);
  columns.id("ObjectId", row.rng.guid());
  columns.id("ReportId", row.rng.hex(32));
  columns.id("AccountType", "Regular");
  columns.boolean("IsExternalUser", false);
  columns.boolean("IsImpersonated", false);
  columns.json_string("IPTags", R"(["Corporate"])");
  columns.nested("RawEventData", R"({"CreationTime":")" + sim::format_iso8601_fixed(row.timestamp, 0) +
                                     R"(","Operation":")" + std::string(activity.action) +
                                     R"(","Workload":"SharePoint","ClientIP":"192.0.2.10"})");
  columns.json_string("AdditionalFields", "{}");
}

void exposure_graph_nodes(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  columns.id("NodeId", row.rng.guid());
  columns.id("NodeLabel", "device");
  columns.text("NodeName", device.name);
  columns.nested("Categories", R"(["device","virtual_machine"])");
  columns.nested("NodeProperties", R"({"rawData":{"osPlatformFriendlyName":")" + device.os_platform +
                                       R"(","exposureScore":"Medium","criticalityLevel":{"criticalityLevel":)" +
                                       std::to_string(row.rng.between(0, 4)) + "}}}");
  columns.nested("EntityIds", R"([{"type":"DeviceInventoryId","id":")" + device.id + R"("}])");
}

}  // namespace streamsim
