// defender-stream-sim's bodies read back through the module's envelope reader: every generated record of every table,
// hostile or not, comes out whole, with its identity; every malformed body comes out as one unparsed record carrying
// its marker.
#include <doctest/doctest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "defender-stream-sim/event_plan.h"
#include "defender-stream-sim/malformed_body.h"
#include "defender-stream-sim/record_identity.h"
#include "defender-stream-sim/record_json.h"
#include "defender-stream-sim/tables.h"
#include "json_line.h"
#include "json_value.h"
#include "stream/envelope_reader.h"

namespace {

using streamsim::Event;
using streamsim::PlanSettings;

constexpr const char *tenant = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c";

PlanSettings settings(std::uint64_t records, unsigned hostile_percent) {
  PlanSettings plan;
  plan.records = records;
  plan.seed = 7;
  plan.tables.assign(streamsim::all_tables().begin(), streamsim::all_tables().end());
  plan.hubs = {"insights-logs-advancedhunting"};
  plan.partitions = 4;
  plan.max_records_per_event = 40;
  plan.hostile_percent = hostile_percent;
  plan.tenant_id = tenant;
  return plan;
}

std::vector<Event> events_of(const PlanSettings &plan) {
  std::vector<Event> events;
  streamsim::plan_events(plan, [&](const Event &event) {
    events.push_back(event);
    return true;
  });
  return events;
}

// Reads every event's body and checks each record against the one the simulator made; returns how many it read.
size_t check_read_back(const PlanSettings &plan) {
  const streamsim::RecordMaker maker({plan.seed, plan.tenant_id, plan.hostile_percent});
  size_t read = 0;
  for (const Event &event : events_of(plan)) {
    const defender::StreamBody body = defender::read_stream_body(event.body);
    REQUIRE(body.unparsed == 0);
    REQUIRE(body.records.size() == event.records.size());
    for (size_t i = 0; i < body.records.size(); ++i) {
      const defender::StreamRecord &record = body.records[i];
      const streamsim::EventRecord &sent = event.records[i];
      CAPTURE(record.raw_json);
      // The same value: the reader may spell a character differently (DEL as \u007f).
      CHECK(defender::test::same_json_value(record.raw_json, maker.make(sent.table, sent.index)));
      CHECK(defender::is_plain_json_line(record.raw_json));
      CHECK(record.table == streamsim::table_name(sent.table));
      CHECK(record.tenant_id == tenant);
      REQUIRE(record.event_time.has_value());
      CHECK(record.event_time->ticks == streamsim::record_timestamp(sent.index));
      REQUIRE_FALSE(record.properties.empty());
      CHECK(record.properties.front().name == "Timestamp");
      CHECK(record.properties.front().value == streamsim::record_timestamp_text(sent.index));
      ++read;
    }
  }
  return read;
}

}  // namespace

TEST_CASE("every generated record of every table reads back whole, with its Timestamp, in its event") {
  CHECK(check_read_back(settings(22 * 20, 0)) == 22 * 20);
}

TEST_CASE("hostile records read back whole as well") { CHECK(check_read_back(settings(22 * 20, 100)) == 22 * 20); }

TEST_CASE("each kind of malformed body reads back as one unparsed record carrying its marker") {
  const std::map<std::string, std::string> reasons{
      {"not-json", "the body is not a JSON object"},        {"no-records", "the body has no \"records\" array"},
      {"records-not-array", "\"records\" is not an array"}, {"truncated", "the body ends inside record 1"},
      {"invalid-utf8", "the body is not a JSON object"},
  };
  for (std::uint64_t n = 1; n <= 5; ++n) {
    const streamsim::MalformedBody malformed = streamsim::malformed_body(n, 7);
    CAPTURE(malformed.kind);
    const defender::StreamBody body = defender::read_stream_body(malformed.body);
    REQUIRE(body.records.size() == 1);
    CHECK(body.unparsed == 1);
    CHECK(body.records[0].parse_error == reasons.at(std::string(malformed.kind)));
    const size_t at = body.records[0].unparsed_text.find(malformed.marker);
    REQUIRE(at != std::string::npos);
    CHECK_FALSE(std::isdigit(static_cast<unsigned char>(body.records[0].unparsed_text[at + malformed.marker.size()])));
  }
}
