// The Streaming API's Kafka consumer against librdkafka's mock cluster (brokers on 127.0.0.1, plaintext, as the mock
// serves neither SASL nor TLS): each message once, exactly the unacknowledged records again after a restart, groups
// sharing partitions, back-pressure, and where a new group starts.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kafka_mock_hub.h"
#include "stream/kafka_consumer.h"

using namespace defender;

namespace {

using test::MockHub;

constexpr int partitions = 4;
const std::string hub = "insights-logs-advancedhunting-deviceevents";

using Clock = std::chrono::steady_clock;
// Generous: the mock cluster takes 3 s to form a new group and up to 5 s to rebalance one.
constexpr auto deadline = std::chrono::seconds(25);

KafkaSettings settings_for(const MockHub &mock, const std::string &group, StartFrom start = StartFrom::earliest) {
  KafkaSettings settings;
  settings.bootstrap_servers = mock.bootstraps();
  settings.hubs = {hub};
  settings.group_id = group;
  settings.start_from = start;
  settings.authentication = ConnectionStringAuthentication{Secret("Endpoint=sb://mock/;SharedAccessKey=x")};
  // A mock rebalance waits for the session timeout less a second: keep it short.
  settings.extra = {
      {"security.protocol", "plaintext"}, {"session.timeout.ms", "6000"}, {"heartbeat.interval.ms", "500"}};
  return settings;
}

std::unique_ptr<KafkaConsumer> open_consumer(KafkaSettings settings) {
  auto opened = KafkaConsumer::open(std::move(settings));
  REQUIRE(std::holds_alternative<std::unique_ptr<KafkaConsumer>>(opened));
  return std::move(std::get<std::unique_ptr<KafkaConsumer>>(opened));
}

struct Received {
  std::string payload;
  MessageOrigin origin;
  uint32_t records_to_skip;
};

// Polls until `count` messages arrived, or the time is up; each message is tracked as holding `records` records.
std::vector<Received> receive(KafkaConsumer &consumer, size_t count, uint32_t records = 1,
                              Clock::duration within = deadline) {
  std::vector<Received> received;
  const auto end = Clock::now() + within;
  for (size_t polls = 0; received.size() < count && Clock::now() < end && polls < 1000 + 2 * count; ++polls) {
    auto polled = consumer.poll(100);
    if (const auto *message = std::get_if<KafkaMessage>(&polled)) {
      received.push_back({std::string(message->payload), message->origin, message->records_to_skip});
      consumer.track(*message, records);
    }
  }
  return received;
}

// How many messages arrive within `polls` polls of 100 ms (each tracked as one record).
size_t received_within(KafkaConsumer &consumer, int polls) {
  size_t count = 0;
  for (int i = 0; i < polls; ++i) {
    auto polled = consumer.poll(100);
    if (const auto *message = std::get_if<KafkaMessage>(&polled)) {
      consumer.track(*message, 1);
      ++count;
    }
  }
  return count;
}

std::multiset<std::string> payloads(const std::vector<Received> &received) {
  std::multiset<std::string> result;
  for (const auto &r : received) result.insert(r.payload);
  return result;
}

std::multiset<std::string> named(const std::string &prefix, int first, int end) {
  std::multiset<std::string> result;
  for (int p = 0; p < partitions; ++p)
    for (int i = first; i < end; ++i) result.insert(prefix + std::to_string(p) + "-" + std::to_string(i));
  return result;
}

void wait_for_assignment(std::vector<KafkaConsumer *> consumers, size_t each_at_least) {
  const auto end = Clock::now() + deadline;
  for (int polls = 0; Clock::now() < end && polls < 1000; ++polls) {
    size_t total = 0;
    bool each = true;
    for (auto *consumer : consumers) {
      REQUIRE_FALSE(std::holds_alternative<KafkaMessage>(consumer->poll(50)));
      total += consumer->assigned_partitions();
      each = each && consumer->assigned_partitions() >= each_at_least;
    }
    if (total == partitions && each) return;
  }
  FAIL("the partitions were not assigned within the deadline");
}

}  // namespace

TEST_CASE("every message of four partitions is handed out once") {
  MockHub mock;
  mock.produce_each("m", 10);
  auto consumer = open_consumer(settings_for(mock, "once"));
  const auto received = receive(*consumer, 40);
  CHECK(payloads(received) == named("m", 0, 10));
  CHECK(received_within(*consumer, 5) == 0);
}

TEST_CASE("a consumer reopened in the same group gets exactly the records not acknowledged") {
  MockHub mock;
  mock.produce_each("m", 4);
  {
    auto consumer = open_consumer(settings_for(mock, "reopen"));
    const auto received = receive(*consumer, 16, 4);
    REQUIRE(received.size() == 16);
    // Per partition: message 0 wholly acknowledged, message 1 its first 2 of 4 records, messages 2 and 3 nothing.
    for (const auto &r : received) {
      if (r.payload.back() == '0') consumer->acknowledge(r.origin, 4);
      if (r.payload.back() == '1') consumer->acknowledge(r.origin, 2);
    }
    consumer->close();
  }
  auto reopened = open_consumer(settings_for(mock, "reopen"));
  const auto again = receive(*reopened, 12, 4);
  CHECK(payloads(again) == named("m", 1, 4));
  for (const auto &r : again) CHECK(r.records_to_skip == (r.payload.back() == '1' ? 2 : 0));
  CHECK(received_within(*reopened, 5) == 0);
}

TEST_CASE("two consumers of a group split the partitions, and when one closes the other reads them on") {
  MockHub mock;
  auto first = open_consumer(settings_for(mock, "pair"));
  auto second = open_consumer(settings_for(mock, "pair"));
  wait_for_assignment({first.get(), second.get()}, 1);
  mock.produce_each("m", 4);
  std::vector<Received> by_first, by_second;
  const auto end = Clock::now() + deadline;
  for (int polls = 0; by_first.size() + by_second.size() < 16 && Clock::now() < end && polls < 1000; ++polls) {
    for (auto [consumer, into] : {std::pair{first.get(), &by_first}, std::pair{second.get(), &by_second}}) {
      auto polled = consumer->poll(50);
      if (const auto *message = std::get_if<KafkaMessage>(&polled)) {
        into->push_back({std::string(message->payload), message->origin, message->records_to_skip});
        consumer->track(*message, 1);
        consumer->acknowledge(message->origin);
      }
    }
  }
  auto all = payloads(by_first);
  all.merge(payloads(by_second));
  CHECK(all == named("m", 0, 4));
  std::set<int32_t> first_partitions, second_partitions;
  for (const auto &r : by_first) first_partitions.insert(r.origin.partition);
  for (const auto &r : by_second) second_partitions.insert(r.origin.partition);
  CHECK(first_partitions.size() + second_partitions.size() == partitions);
  CHECK(first_partitions.size() >= 1);
  CHECK(second_partitions.size() >= 1);
  REQUIRE(first->commit());
  REQUIRE(second->commit());
  first->close();
  mock.produce_each("n", 4);
  const auto received = receive(*second, 16);
  CHECK(payloads(received) == named("n", 0, 4));
  CHECK(second->assigned_partitions() == partitions);
}

TEST_CASE(
    "a member closed during a rebalance, still holding its partitions, leaves, and the other member reads them all") {
  MockHub mock;
  auto first = open_consumer(settings_for(mock, "leave"));
  wait_for_assignment({first.get()}, partitions);
  // A second member joining is a rebalance. The first, not polling meanwhile, has not served its revocation: the
  // close gives its partitions up (where librdkafka 2.8's own close could hang for good).
  auto second = open_consumer(settings_for(mock, "leave"));
  for (int polls = 0; polls < 20; ++polls) REQUIRE_FALSE(std::holds_alternative<KafkaMessage>(second->poll(50)));
  REQUIRE(first->assigned_partitions() == partitions);
  first->close();
  mock.produce_each("m", 1);
  CHECK(payloads(receive(*second, 4)) == named("m", 0, 1));
  CHECK(second->assigned_partitions() == partitions);
}

TEST_CASE("a paused consumer hands out nothing, and after resume every message once") {
  MockHub mock;
  mock.produce_each("m", 5);
  auto consumer = open_consumer(settings_for(mock, "pause"));
  auto received = receive(*consumer, 4);
  REQUIRE(received.size() == 4);
  consumer->pause();
  CHECK(received_within(*consumer, 10) == 0);
  consumer->resume();
  const auto rest = receive(*consumer, 16);
  received.insert(received.end(), rest.begin(), rest.end());
  CHECK(payloads(received) == named("m", 0, 5));
  CHECK(received_within(*consumer, 5) == 0);
}

TEST_CASE("a partition with a full window of awaited messages is paused until one is acknowledged") {
  MockHub mock;
  const int cap = static_cast<int>(PartitionProgress::max_outstanding_messages);
  for (int i = 0; i <= cap; ++i) mock.produce(0, "m0-" + std::to_string(i));
  mock.flush();
  auto consumer = open_consumer(settings_for(mock, "window"));
  const auto received = receive(*consumer, cap);
  REQUIRE(received.size() == static_cast<size_t>(cap));
  CHECK(received_within(*consumer, 10) == 0);
  consumer->acknowledge(received.front().origin);
  const auto last = receive(*consumer, 1);
  REQUIRE(last.size() == 1);
  CHECK(last.front().payload == "m0-" + std::to_string(cap));
}

TEST_CASE("a new group starting from the latest skips the backlog") {
  MockHub mock;
  mock.produce_each("old", 5);
  auto consumer = open_consumer(settings_for(mock, "latest", StartFrom::latest));
  wait_for_assignment({consumer.get()}, partitions);
  std::vector<Received> received;
  const auto end = Clock::now() + deadline;
  // Where "latest" is depends on when the consumer asked: new messages are written until some arrive.
  for (int i = 0; received.size() < 8 && Clock::now() < end && i < 200; ++i) {
    mock.produce(i % partitions, "new-" + std::to_string(i));
    mock.flush();
    const auto some = receive(*consumer, 1, 1, std::chrono::milliseconds(300));
    if (some.empty()) continue;
    received.insert(received.end(), some.begin(), some.end());
  }
  REQUIRE(received.size() == 8);
  for (const auto &r : received) CHECK(r.payload.starts_with("new-"));
}

TEST_CASE("a commit refused because the group is rebalancing stops reading until the partitions are assigned again") {
  MockHub mock;
  mock.produce_each("a", 1);
  auto first = open_consumer(settings_for(mock, "hold"));
  const auto before = receive(*first, 4);
  REQUIRE(before.size() == 4);
  for (const auto &r : before) first->acknowledge(r.origin);
  // Every commit from now on is refused, until the first member has left its partitions in the rebalance.
  mock.refuse_commits(100, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS);
  CHECK_FALSE(first->commit());
  mock.produce_each("m", 4);
  CHECK(received_within(*first, 5) == 0);

  // A second member joining is the rebalance: both are assigned partitions, and the first reads again well before
  // its hold's 30 s limit.
  auto second = open_consumer(settings_for(mock, "hold"));
  std::vector<Received> by_first, by_second;
  std::set<std::string> distinct;
  for (const auto &r : before) distinct.insert(r.payload);
  const auto end = Clock::now() + deadline;
  for (int polls = 0; distinct.size() < 20 && Clock::now() < end && polls < 1000; ++polls) {
    for (auto [consumer, into] : {std::pair{first.get(), &by_first}, std::pair{second.get(), &by_second}}) {
      auto polled = consumer->poll(50);
      if (first->assigned_partitions() < partitions) mock.accept_commits();
      if (const auto *message = std::get_if<KafkaMessage>(&polled)) {
        into->push_back({std::string(message->payload), message->origin, message->records_to_skip});
        distinct.insert(into->back().payload);
        consumer->track(*message, 1);
        consumer->acknowledge(message->origin);
      }
    }
  }
  REQUIRE(distinct.size() == 20);
  CHECK_FALSE(by_first.empty());
  REQUIRE_FALSE(by_second.empty());
  // With no commit accepted, the other member reads its partitions from the start: their first message comes again.
  // A partition that comes back to the first member resumes after what it acknowledged.
  const auto refused = payloads(before);
  for (const auto &r : by_first) CHECK_FALSE(refused.contains(r.payload));
  std::set<std::string> repeated_by_second, expected_repeats;
  for (const auto &r : by_second) {
    if (refused.contains(r.payload)) repeated_by_second.insert(r.payload);
    expected_repeats.insert("a" + std::to_string(r.origin.partition) + "-0");
  }
  CHECK(repeated_by_second == expected_repeats);
}

TEST_CASE("a commit refused because the group is rebalancing stops reading at most for the hold's limit") {
  MockHub mock;
  mock.produce_each("m", 2);
  auto settings = settings_for(mock, "hold-limit");
  settings.rebalance_hold_limit_ms = 2000;
  auto consumer = open_consumer(settings);
  const auto first = receive(*consumer, 1);
  REQUIRE(first.size() == 1);
  consumer->acknowledge(first.front().origin);
  mock.refuse_commits(1, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS);
  CHECK_FALSE(consumer->commit());
  CHECK(received_within(*consumer, 5) == 0);
  // No rebalance follows: after the limit the consumer reads on, from where it was.
  auto all = payloads(first);
  all.merge(payloads(receive(*consumer, 7)));
  CHECK(all == named("m", 0, 2));
}

TEST_CASE("each partition's lag is the messages from the first not acknowledged to the newest") {
  MockHub mock;
  mock.produce_each("m", 5);
  auto consumer = open_consumer(settings_for(mock, "lag"));
  const auto received = receive(*consumer, 20);
  REQUIRE(received.size() == 20);
  int acknowledged = 0;
  for (const auto &r : received)
    if (r.origin.partition == 0 && acknowledged < 2) {
      consumer->acknowledge(r.origin);
      ++acknowledged;
    }
  // The high watermarks come with the fetches: wait until librdkafka has seen them.
  std::vector<PartitionLag> lags;
  const auto end = Clock::now() + deadline;
  for (int polls = 0; Clock::now() < end && polls < 100 && lags.size() < partitions; ++polls) {
    REQUIRE_FALSE(std::holds_alternative<KafkaMessage>(consumer->poll(50)));
    lags = consumer->partition_lags();
  }
  CHECK(lags == std::vector<PartitionLag>{{hub, 0, 3}, {hub, 1, 5}, {hub, 2, 5}, {hub, 3, 5}});
}
