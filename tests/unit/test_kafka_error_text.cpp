// librdkafka's errors told with the namespace, the hub or the group, and what to check.
#include <doctest/doctest.h>

#include <string>

#include "stream/kafka_error_text.h"

using namespace defender;

namespace {

const KafkaErrorContext context{"contoso.servicebus.windows.net:9093", "insights-logs-advancedhunting-alertinfo",
                                "syslog-ng"};

}  // namespace

TEST_CASE("refused credentials name the namespace and the two ways to sign in") {
  CHECK(kafka_error_text(RD_KAFKA_RESP_ERR__AUTHENTICATION, "SASL authentication error", context) ==
        "Event Hubs namespace contoso.servicebus.windows.net:9093 refused the credentials: check the connection "
        "string (the namespace's or the hub's, from a policy with Listen; a generated SAS token is not accepted) or, "
        "with an Entra ID token, that it is issued for https://<namespace>.servicebus.windows.net (librdkafka: SASL "
        "authentication error)");
}

TEST_CASE("a hub not allowed to be read names the hub and the role to give") {
  const auto text = kafka_error_text(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, "denied", context);
  CHECK(
      text.starts_with("not allowed to read hub insights-logs-advancedhunting-alertinfo on "
                       "contoso.servicebus.windows.net:9093: give the application the role Azure Event Hubs Data "
                       "Receiver on the hub or the namespace"));
  CHECK(text.ends_with(" (librdkafka: denied)"));
}

TEST_CASE("a group not allowed names the group") {
  CHECK(kafka_error_text(RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED, "denied", context) ==
        "not allowed to use consumer group syslog-ng on contoso.servicebus.windows.net:9093: give the application "
        "the role Azure Event Hubs Data Receiver on the namespace (librdkafka: denied)");
}

TEST_CASE("an unknown hub names the hub and the namespace") {
  for (const auto err : {RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC})
    CHECK(kafka_error_text(err, "unknown", context)
              .starts_with("hub insights-logs-advancedhunting-alertinfo does not exist in Event Hubs namespace "
                           "contoso.servicebus.windows.net:9093: check the hub's name"));
}

TEST_CASE("an unreachable namespace says what to check and that reading resumes") {
  for (const auto err : {RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE})
    CHECK(kafka_error_text(err, "down", context) ==
          "cannot reach Event Hubs namespace contoso.servicebus.windows.net:9093: check the name "
          "(<namespace>.servicebus.windows.net:9093), DNS, and that a firewall lets TCP port 9093 out; reading "
          "resumes when it is reachable (librdkafka: down)");
}

TEST_CASE("any other error names the hub, the namespace and the group") {
  CHECK(kafka_error_text(RD_KAFKA_RESP_ERR_NOT_COORDINATOR, "not coordinator", context) ==
        "Kafka error reading hub insights-logs-advancedhunting-alertinfo of contoso.servicebus.windows.net:9093 in "
        "consumer group syslog-ng (librdkafka: not coordinator)");
}

TEST_CASE("a source held back past the poll interval says it rejoins the group and what to change") {
  CHECK(kafka_error_text(RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED, "Application maximum poll interval exceeded", context) ==
        "the destinations held the source back for longer than max.poll.interval.ms, so this collector left consumer "
        "group syslog-ng on contoso.servicebus.windows.net:9093 and joins it again now: rows acknowledged since the "
        "last commit may come again. If a destination stalls this long, make it reliable (a disk buffer) or raise "
        "kafka-option(\"max.poll.interval.ms\" ...) (librdkafka: Application maximum poll interval exceeded)");
}
