// The Advanced Hunting tables the simulator writes: every table config/stream-mapping.md maps, and one it does not
// (ExposureGraphNodes), whose records the module must pass on through its generic mapping.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace streamsim {

enum class TableId : std::uint8_t {
  DeviceProcessEvents,
  DeviceNetworkEvents,
  DeviceFileEvents,
  DeviceRegistryEvents,
  DeviceLogonEvents,
  DeviceImageLoadEvents,
  DeviceEvents,
  DeviceFileCertificateInfo,
  DeviceInfo,
  DeviceNetworkInfo,
  AlertInfo,
  AlertEvidence,
  EmailEvents,
  EmailAttachmentInfo,
  EmailUrlInfo,
  EmailPostDeliveryEvents,
  UrlClickEvents,
  IdentityLogonEvents,
  IdentityQueryEvents,
  IdentityDirectoryEvents,
  CloudAppEvents,
  ExposureGraphNodes,
};

// Every table, in the order above.
std::span<const TableId> all_tables();

std::string_view table_name(TableId table);  // "DeviceProcessEvents"

// The table named exactly `name` (as table_name spells it); nullopt for any other text.
std::optional<TableId> table_named(std::string_view name);

// "AdvancedHunting-DeviceProcessEvents", the record's category.
std::string table_category(TableId table);

// "insights-logs-advancedhunting-deviceprocessevents": the hub Defender names for the table when each table is
// exported to a hub of its own.
std::string table_hub(TableId table);

}  // namespace streamsim
