#include "tables.h"

#include <array>

namespace streamsim {
namespace {

using namespace std::string_view_literals;

constexpr std::array kTables{
    TableId::DeviceProcessEvents, TableId::DeviceNetworkEvents,
    TableId::DeviceFileEvents,    TableId::DeviceRegistryEvents,
    TableId::DeviceLogonEvents,   TableId::DeviceImageLoadEvents,
    TableId::DeviceEvents,        TableId::DeviceFileCertificateInfo,
    TableId::DeviceInfo,          TableId::DeviceNetworkInfo,
    TableId::AlertInfo,           TableId::AlertEvidence,
    TableId::EmailEvents,         TableId::EmailAttachmentInfo,
    TableId::EmailUrlInfo,        TableId::EmailPostDeliveryEvents,
    TableId::UrlClickEvents,      TableId::IdentityLogonEvents,
    TableId::IdentityQueryEvents, TableId::IdentityDirectoryEvents,
    TableId::CloudAppEvents,      TableId::ExposureGraphNodes,
};

// Indexed by TableId.
constexpr std::array kNames{
    "DeviceProcessEvents"sv, "DeviceNetworkEvents"sv,   "DeviceFileEvents"sv,    "DeviceRegistryEvents"sv,
    "DeviceLogonEvents"sv,   "DeviceImageLoadEvents"sv, "DeviceEvents"sv,        "DeviceFileCertificateInfo"sv,
    "DeviceInfo"sv,          "DeviceNetworkInfo"sv,     "AlertInfo"sv,           "AlertEvidence"sv,
    "EmailEvents"sv,         "EmailAttachmentInfo"sv,   "EmailUrlInfo"sv,        "EmailPostDeliveryEvents"sv,
    "UrlClickEvents"sv,      "IdentityLogonEvents"sv,   "IdentityQueryEvents"sv, "IdentityDirectoryEvents"sv,
    "CloudAppEvents"sv,      "ExposureGraphNodes"sv,
};
static_assert(kNames.size() == kTables.size());

}  // namespace

std::span<const TableId> all_tables() { return kTables; }

std::string_view table_name(TableId table) { return kNames[static_cast<std::size_t>(table)]; }

std::optional<TableId> table_named(std::string_view name) {
  for (const TableId table : kTables)
    if (table_name(table) == name) return table;
  return std::nullopt;
}

std::string table_category(TableId table) { return "AdvancedHunting-" + std::string(table_name(table)); }

std::string table_hub(TableId table) {
  std::string hub = "insights-logs-advancedhunting-";
  for (const char c : table_name(table)) hub += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return hub;
}

}  // namespace streamsim
