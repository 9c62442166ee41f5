// The librdkafka settings of the Streaming API's consumer: Microsoft's Event Hubs values, commits only of
// acknowledged progress, eager assignment, SASL over TLS, and the user's own settings last.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "stream/kafka_settings.h"

using namespace defender;

namespace {

using Configuration = std::vector<std::pair<std::string, std::string>>;

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
    {"security.protocol", "sasl_ssl"},
};

Configuration with(Configuration configuration, const Configuration &more) {
  configuration.insert(configuration.end(), more.begin(), more.end());
  return configuration;
}

}  // namespace

TEST_CASE("a connection string signs in with SASL PLAIN as $ConnectionString") {
  CHECK(kafka_configuration(plain_settings()) ==
        with(common, {{"sasl.mechanism", "PLAIN"},
                      {"sasl.username", "$ConnectionString"},
                      {"sasl.password", "Endpoint=sb://contoso/;SharedAccessKey=k"}}));
}

TEST_CASE("an Entra ID token source signs in with SASL OAUTHBEARER") {
  auto settings = plain_settings();
  settings.authentication = OAuthBearerAuthentication{[] { return std::variant<OAuthToken, std::string>("none"); }};
  CHECK(kafka_configuration(settings) == with(common, {{"sasl.mechanism", "OAUTHBEARER"}}));
}

TEST_CASE("starting from the latest sets auto.offset.reset to latest") {
  auto settings = plain_settings();
  settings.start_from = StartFrom::latest;
  const auto configuration = kafka_configuration(settings);
  CHECK(configuration[2] == std::pair<std::string, std::string>("auto.offset.reset", "latest"));
}

TEST_CASE("extra settings come after every other one, in their order") {
  auto settings = plain_settings();
  settings.extra = {{"session.timeout.ms", "60000"}, {"client.id", "siem-1"}};
  const auto configuration = kafka_configuration(settings);
  REQUIRE(configuration.size() == common.size() + 5);
  CHECK(configuration[common.size() + 3] == std::pair<std::string, std::string>("session.timeout.ms", "60000"));
  CHECK(configuration[common.size() + 4] == std::pair<std::string, std::string>("client.id", "siem-1"));
}
