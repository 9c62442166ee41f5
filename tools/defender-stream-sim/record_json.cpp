#include "record_json.h"

#include <utility>

#include "columns.h"
#include "hostile_text.h"
#include "record_identity.h"
#include "rows.h"

namespace streamsim {
namespace {

// Kept apart from the row's own stream, so that whether a record is hostile does not change its other values.
constexpr std::uint64_t kHostileStream = 0xBAD5EEDULL;

void key(JsonWriter &writer, std::string_view name) {
  writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void string(JsonWriter &writer, std::string_view value) {
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

RecordMaker::RecordMaker(RecordSettings settings)
    : settings_(std::move(settings)), estate_(make_estate(settings_.seed)) {}

std::string RecordMaker::make(TableId table, std::uint64_t index) const {
  sim::Rng rng(sim::mix_seed(settings_.seed, index));
  const sim::Ticks timestamp = record_timestamp(index);
  // Defender receives a row seconds to minutes after it happened, and stamps the export a little later still.
  const sim::Ticks received = timestamp + rng.between(2 * sim::kTicksPerSecond, 300 * sim::kTicksPerSecond);
  const sim::Ticks exported = received + rng.between(sim::kTicksPerSecond / 10, 20 * sim::kTicksPerSecond);
  const bool hostile = rng.chance(settings_.hostile_percent);
  HostileText hostile_text(sim::mix_seed(settings_.seed ^ kHostileStream, index));

  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  key(writer, "time");
  string(writer, sim::format_iso8601_fixed(received, 7));
  key(writer, "tenantId");
  string(writer, settings_.tenant_id);
  key(writer, "operationName");
  string(writer, "Publish");
  key(writer, "category");
  string(writer, table_category(table));
  key(writer, "_TimeReceivedBySvc");
  string(writer, sim::format_iso8601_fixed(exported, 7));
  key(writer, "properties");
  writer.StartObject();
  key(writer, "Timestamp");
  string(writer, record_timestamp_text(index));
  Columns columns(writer, hostile ? &hostile_text : nullptr);
  Row row{rng, estate_, timestamp};
  write_row(table, columns, row);
  writer.EndObject();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace streamsim
