// microsoft-defender-stream()'s core against librdkafka's mock cluster: each record of a message handed out in
// order and acknowledged through its sequence, tables() leaving records out without losing their acknowledgement,
// a body that is not a records envelope handed out as one unparsed record, and a restart sending exactly the records
// not yet acknowledged.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "kafka_mock_hub.h"
#include "stream/stream_source.h"

using namespace defender;
using test::MockHub;

namespace {

using Clock = std::chrono::steady_clock;
// Generous: the mock cluster takes about 3 s to form a new group.
constexpr auto deadline = std::chrono::seconds(25);

std::string record_of(const std::string &table, int n) {
  return R"({"time":"2026-12-01T10:00:00.0000000Z","tenantId":"t","category":"AdvancedHunting-)" + table +
         R"(","properties":{"Timestamp":"2026-12-01T10:00:00.)" + std::to_string(1000000 + n) +
         R"(Z","DeviceName":"pc-)" + std::to_string(n) + R"("}})";
}

std::string body_of(const std::vector<std::string> &records) {
  std::string body = R"({"records":[)";
  for (size_t i = 0; i < records.size(); ++i) body += (i ? "," : "") + records[i];
  return body + "]}";
}

Options options_for(const MockHub &mock, const std::string &group) {
  Options options;
  options.driver = Driver::stream;
  options.stream.bootstrap_servers = mock.bootstraps();
  options.stream.hubs = {mock.hub()};
  options.stream.consumer_group = group;
  options.stream.kafka_options = {
      {"security.protocol", "plaintext"}, {"session.timeout.ms", "6000"}, {"heartbeat.interval.ms", "500"}};
  return options;
}

StreamSource source_for(const Options &options, std::optional<LocalSnapshot> restored = std::nullopt) {
  return StreamSource(options, ConnectionStringAuthentication{Secret("Endpoint=sb://mock/;SharedAccessKey=x")},
                      Logger(nullptr, nullptr, {}), std::move(restored));
}

struct Sent {
  std::string table;
  std::string device;  // the DeviceName property, or the parse error
  uint64_t sequence;
};

// The DeviceName property, or the parse error.
std::string device_of(const StreamRecord &record) {
  std::string device = record.parse_error;
  for (const auto &property : record.properties)
    if (property.name == "DeviceName") device = property.value;
  return device;
}

// Asks until `count` records were handed out, or the time is up.
std::vector<Sent> take(StreamSource &source, size_t count, Clock::duration within = deadline) {
  std::vector<Sent> sent;
  const auto end = Clock::now() + within;
  for (int calls = 0; sent.size() < count && Clock::now() < end && calls < 2000; ++calls) {
    const StreamNext next = source.next();
    if (const auto *out = std::get_if<StreamHandOut>(&next))
      sent.push_back({out->record->table, device_of(*out->record), out->sequence});
  }
  return sent;
}

std::vector<std::string> devices(const std::vector<Sent> &sent) {
  std::vector<std::string> out;
  for (const auto &s : sent) out.push_back(s.device);
  return out;
}

}  // namespace

TEST_CASE("the records of a message are handed out in order, numbered one after another") {
  MockHub mock("hub-a", 1);
  mock.produce(
      0, body_of({record_of("DeviceProcessEvents", 1), record_of("DeviceFileEvents", 2), record_of("AlertInfo", 3)}));
  mock.flush();
  const Options options = options_for(mock, "order");
  auto source = source_for(options);
  const auto sent = take(source, 3);
  REQUIRE(sent.size() == 3);
  CHECK(devices(sent) == std::vector<std::string>{"pc-1", "pc-2", "pc-3"});
  CHECK(sent[0].table == "DeviceProcessEvents");
  CHECK(sent[2].table == "AlertInfo");
  CHECK(sent[1].sequence == sent[0].sequence + 1);
  CHECK(sent[2].sequence == sent[1].sequence + 1);
  const StreamCounters counters = source.counters();
  CHECK(counters.records == 3);
  CHECK(counters.kafka_messages == 1);
  CHECK(counters.records_skipped == 0);
}

TEST_CASE("ready() hands out the rest of the message being handed out, then nothing, without polling for more") {
  MockHub mock("hub-a", 1);
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 1), record_of("DeviceFileEvents", 2)}));
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 3)}));
  mock.flush();
  const Options options = options_for(mock, "ready");
  auto source = source_for(options);
  CHECK_FALSE(source.ready().has_value());

  const auto first = take(source, 1);
  REQUIRE(first.size() == 1);
  CHECK(first[0].device == "pc-1");
  const auto second = source.ready();
  REQUIRE(second.has_value());
  CHECK(second->sequence == first[0].sequence + 1);
  CHECK(device_of(*second->record) == "pc-2");
  CHECK_FALSE(source.ready().has_value());
  CHECK(source.counters().kafka_messages == 1);

  CHECK(devices(take(source, 1)) == std::vector<std::string>{"pc-3"});
  CHECK(source.counters().kafka_messages == 2);
}

TEST_CASE("tables() leaves records out, and a restart after acknowledging what was sent reads nothing again") {
  MockHub mock("hub-b", 1);
  mock.produce(
      0, body_of({record_of("DeviceFileEvents", 1), record_of("AlertInfo", 2), record_of("DeviceFileEvents", 3),
                  record_of("DeviceFileEvents", 4), record_of("AlertInfo", 5), record_of("DeviceFileEvents", 6)}));
  mock.flush();
  Options options = options_for(mock, "tables");
  options.stream.tables = {"AlertInfo"};
  {
    auto source = source_for(options);
    const auto sent = take(source, 2);
    CHECK(devices(sent) == std::vector<std::string>{"pc-2", "pc-5"});
    REQUIRE(sent.size() == 2);
    CHECK(source.counters().records_skipped == 4);
    source.acknowledge_through(sent[1].sequence);
    source.close();
  }
  mock.produce(0, body_of({record_of("AlertInfo", 7)}));
  mock.flush();
  auto again = source_for(options);
  // The whole first message was acknowledged, the records left out with those sent: only the new one comes.
  CHECK(devices(take(again, 1)) == std::vector<std::string>{"pc-7"});
  // The group is formed by now: three more seconds show that nothing else comes.
  CHECK(take(again, 1, std::chrono::seconds(3)).empty());
}

TEST_CASE("a restart sends exactly the records of a message not yet acknowledged") {
  MockHub mock("hub-c", 1);
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 1), record_of("DeviceProcessEvents", 2),
                           record_of("DeviceProcessEvents", 3), record_of("DeviceProcessEvents", 4)}));
  mock.flush();
  const Options options = options_for(mock, "partial");
  {
    auto source = source_for(options);
    const auto sent = take(source, 4);
    REQUIRE(sent.size() == 4);
    source.acknowledge_through(sent[1].sequence);
    source.close();
  }
  auto again = source_for(options);
  CHECK(devices(take(again, 2)) == std::vector<std::string>{"pc-3", "pc-4"});
}

TEST_CASE("a body that is not a records envelope is handed out as one unparsed record and counted") {
  MockHub mock("hub-d", 1);
  mock.produce(0, "this is not json");
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 1)}));
  mock.flush();
  const Options options = options_for(mock, "unparsed");
  auto source = source_for(options);
  const auto sent = take(source, 2);
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].table.empty());
  CHECK_FALSE(sent[0].device.empty());  // the parse error
  CHECK(sent[1].device == "pc-1");
  CHECK(source.counters().parse_errors == 1);
}

TEST_CASE("acknowledgements of a closed source change nothing") {
  MockHub mock("hub-e", 1);
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 1), record_of("DeviceProcessEvents", 2)}));
  mock.flush();
  const Options options = options_for(mock, "closed");
  {
    auto source = source_for(options);
    const auto sent = take(source, 2);
    REQUIRE(sent.size() == 2);
    source.close();
    source.acknowledge_through(sent[1].sequence);
  }
  auto again = source_for(options);
  CHECK(devices(take(again, 2)) == std::vector<std::string>{"pc-1", "pc-2"});
}

TEST_CASE("a source resumes where it acknowledged a partition when the group has not committed that far") {
  MockHub mock("hub-f", 1);
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 1), record_of("DeviceProcessEvents", 2),
                           record_of("DeviceProcessEvents", 3)}));
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 4)}));
  mock.flush();
  std::optional<PositionsToKeep> kept;
  {
    auto source = source_for(options_for(mock, "local-a"));
    const auto sent = take(source, 4);
    REQUIRE(sent.size() == 4);
    kept = source.acknowledge_through(sent[1].sequence);
  }
  REQUIRE(kept);
  CHECK(kept->slot == 1);
  const auto snapshot = decode_local_positions(kept->bytes);
  REQUIRE(snapshot);
  REQUIRE(snapshot->positions.size() == 1);
  CHECK(snapshot->positions[0].position == PartitionPosition{0, 2});
  // Another group has committed nothing: what this source kept decides, two records of the first message through.
  auto again = source_for(options_for(mock, "local-b"), snapshot);
  CHECK(devices(take(again, 2)) == std::vector<std::string>{"pc-3", "pc-4"});
}

TEST_CASE("the group's commit wins over an older position the source kept") {
  MockHub mock("hub-g", 1);
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 1), record_of("DeviceProcessEvents", 2)}));
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 3)}));
  mock.flush();
  const Options options = options_for(mock, "local-c");
  std::optional<PositionsToKeep> older;
  {
    auto source = source_for(options);
    const auto sent = take(source, 3);
    REQUIRE(sent.size() == 3);
    older = source.acknowledge_through(sent[0].sequence);
    source.acknowledge_through(sent[2].sequence);
    source.close();  // commits all three
  }
  REQUIRE(older);
  mock.produce(0, body_of({record_of("DeviceProcessEvents", 5)}));
  mock.flush();
  auto again = source_for(options, decode_local_positions(older->bytes));
  CHECK(devices(take(again, 1)) == std::vector<std::string>{"pc-5"});
}
