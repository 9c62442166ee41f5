// The librdkafka settings of the Streaming API's consumer: Microsoft's Event Hubs values, commits only of
// acknowledged progress, eager assignment, a bounded prefetch, SASL over TLS, and the user's own settings last.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "stream/kafka_settings.h"

using namespace defender;

namespace {

using Configuration = std::vector<std::pair<std::string, std::string>>;
using Setting = std::pair<std::string, std::string>;

constexpr int librdkafka_2_0_2 = 0x020002ff;  // Debian 12's
constexpr int librdkafka_2_8_0 = 0x020800ff;  // Debian 13's

KafkaSettings plain_settings() {
  KafkaSettings settings;
  settings.bootstrap_servers = "contoso.servicebus.windows.net:9093";
  settings.hubs = {"insights-logs-advancedhunting-deviceevents"};
  settings.group_id = "syslog-ng";
  settings.authentication = ConnectionStringAuthentication{Secret("Endpoint=sb://contoso/;SharedAccessKey=k")};
  return settings;
}

const Configuration common{
    {"bootstrap.servers", "contoso.servicebus.windows.net:9093"},
    {"group.id", "syslog-ng"},
    {"auto.offset.reset", "earliest"},
    {"socket.keepalive.enable", "true"},
    {"metadata.max.age.ms", "180000"},
    {"connections.max.idle.ms", "180000"},
    {"session.timeout.ms", "30000"},
    {"heartbeat.interval.ms", "3000"},
    {"max.poll.interval.ms", "300000"},
    {"enable.auto.offset.store", "false"},
    {"enable.auto.commit", "false"},
    {"partition.assignment.strategy", "range,roundrobin"},
    {"queued.max.messages.kbytes", "16384"},
    {"max.partition.fetch.bytes", "262144"},
    {"fetch.max.bytes", "2097152"},
    {"security.protocol", "sasl_ssl"},
};

Configuration with(Configuration configuration, const Configuration &more) {
  configuration.insert(configuration.end(), more.begin(), more.end());
  return configuration;
}

}  // namespace

TEST_CASE("a connection string signs in with SASL PLAIN as $ConnectionString") {
  CHECK(kafka_configuration(plain_settings(), librdkafka_2_0_2) ==
        with(common, {{"sasl.mechanism", "PLAIN"},
                      {"sasl.username", "$ConnectionString"},
                      {"sasl.password", "Endpoint=sb://contoso/;SharedAccessKey=k"}}));
}

TEST_CASE("an Entra ID token source signs in with SASL OAUTHBEARER") {
  auto settings = plain_settings();
  settings.authentication = OAuthBearerAuthentication{[] { return std::variant<OAuthToken, std::string>("none"); }};
  CHECK(kafka_configuration(settings, librdkafka_2_0_2) == with(common, {{"sasl.mechanism", "OAUTHBEARER"}}));
}

TEST_CASE("starting from the latest sets auto.offset.reset to latest") {
  auto settings = plain_settings();
  settings.start_from = StartFrom::latest;
  const auto configuration = kafka_configuration(settings, librdkafka_2_0_2);
  CHECK(configuration[2] == Setting("auto.offset.reset", "latest"));
}

TEST_CASE("extra settings come after every other one, in their order") {
  auto settings = plain_settings();
  settings.extra = {{"session.timeout.ms", "60000"}, {"client.id", "siem-1"}};
  const auto configuration = kafka_configuration(settings, librdkafka_2_0_2);
  REQUIRE(configuration.size() == common.size() + 5);
  CHECK(configuration[common.size() + 3] == Setting("session.timeout.ms", "60000"));
  CHECK(configuration[common.size() + 4] == Setting("client.id", "siem-1"));
}

TEST_CASE("the prefetch is bounded to 16 MiB for all partitions, 256 KiB per partition and 2 MiB per fetch") {
  const auto configuration = kafka_configuration(plain_settings(), librdkafka_2_0_2);
  CHECK(std::count(configuration.begin(), configuration.end(), Setting("queued.max.messages.kbytes", "16384")) == 1);
  CHECK(std::count(configuration.begin(), configuration.end(), Setting("max.partition.fetch.bytes", "262144")) == 1);
  CHECK(std::count(configuration.begin(), configuration.end(), Setting("fetch.max.bytes", "2097152")) == 1);
}

TEST_CASE("a full prefetch queue is looked at again after 100 ms from librdkafka 2.2.0, which has the setting") {
  const auto configuration = kafka_configuration(plain_settings(), librdkafka_2_8_0);
  REQUIRE(configuration.size() == common.size() + 4);
  CHECK(configuration[common.size()] == Setting("fetch.queue.backoff.ms", "100"));
  CHECK(kafka_configuration(plain_settings(), librdkafka_with_queue_backoff).size() == common.size() + 4);
  CHECK(kafka_configuration(plain_settings(), 0x020100ff).size() == common.size() + 3);  // 2.1.x, the last without
  CHECK(kafka_configuration(plain_settings(), librdkafka_2_0_2).size() == common.size() + 3);
}

TEST_CASE("a kafka-option() for a prefetch bound comes after the module's, so librdkafka keeps the user's value") {
  auto settings = plain_settings();
  settings.extra = {{"queued.max.messages.kbytes", "65536"}};
  const auto configuration = kafka_configuration(settings, librdkafka_2_0_2);
  const auto module_value =
      std::find(configuration.begin(), configuration.end(), Setting("queued.max.messages.kbytes", "16384"));
  const auto user_value =
      std::find(configuration.begin(), configuration.end(), Setting("queued.max.messages.kbytes", "65536"));
  REQUIRE(user_value != configuration.end());
  CHECK(module_value < user_value);
  CHECK(user_value == configuration.end() - 1);
}
