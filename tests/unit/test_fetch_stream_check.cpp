// stream-check's lines of what it found, and the exit status of each problem the Kafka consumer tells, in the words
// kafka_error_text gives it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "arguments.h"
#include "stream/envelope_reader.h"
#include "stream/kafka_error_text.h"
#include "stream_problem.h"
#include "stream_report.h"

using namespace defender;
using namespace defender::fetch;

namespace {

const KafkaErrorContext context{"contoso.servicebus.windows.net:9093", "insights-logs-advancedhunting", "g1"};

ExitStatus status_of(rd_kafka_resp_err_t err) { return stream_problem_status(kafka_error_text(err, "x", context)); }

std::vector<std::string> lines_of(std::string_view body) {
  return first_message_lines("hub-a", 3, 42, body.size(), read_stream_body(body));
}

}  // namespace

TEST_CASE("a refused credential, a missing permission and an unknown hub are the configuration's exit statuses") {
  CHECK(status_of(RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED) == ExitStatus::credential);
  CHECK(status_of(RD_KAFKA_RESP_ERR__AUTHENTICATION) == ExitStatus::credential);
  CHECK(status_of(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) == ExitStatus::permission);
  CHECK(status_of(RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED) == ExitStatus::permission);
  CHECK(status_of(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) == ExitStatus::usage);
  CHECK(status_of(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) == ExitStatus::usage);
  CHECK(is_configuration_problem(ExitStatus::credential));
  CHECK(is_configuration_problem(ExitStatus::permission));
  CHECK(is_configuration_problem(ExitStatus::usage));
}

TEST_CASE("an unreachable namespace and failed TLS are the network's; any other Kafka error is the service's") {
  CHECK(status_of(RD_KAFKA_RESP_ERR__TRANSPORT) == ExitStatus::network);
  CHECK(status_of(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) == ExitStatus::network);
  CHECK(status_of(RD_KAFKA_RESP_ERR__SSL) == ExitStatus::network);
  CHECK(status_of(RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE) == ExitStatus::service);
  CHECK_FALSE(is_configuration_problem(ExitStatus::network));
  CHECK_FALSE(is_configuration_problem(ExitStatus::service));
}

TEST_CASE("no Entra ID token for the consumer is the credential's exit status") {
  CHECK(stream_problem_status("no Entra ID token for Event Hubs namespace h:9093 (asked again in about 10 s): x") ==
        ExitStatus::credential);
}

TEST_CASE("partitions are counted with the hubs they belong to, or said to be none within the time") {
  CHECK(partitions_line(4, {"hub-a"}, 20) == "partitions assigned: 4 of hub hub-a");
  CHECK(partitions_line(9, {"hub-a", "hub-b"}, 20) == "partitions assigned: 9 of hubs hub-a, hub-b");
  CHECK(partitions_line(0, {"hub-a"}, 20) == "partitions assigned: none within 20 s");
}

TEST_CASE("the first message says where it sat, how many records it holds and the first record's table") {
  const std::string body = R"({"records":[{"category":"AdvancedHunting-AlertInfo","properties":{}},)"
                           R"({"category":"AdvancedHunting-DeviceEvents","properties":{}}]})";
  CHECK(lines_of(body) == std::vector<std::string>{"first message: hub hub-a, partition 3, offset 42, " +
                                                       std::to_string(body.size()) + " bytes",
                                                   "records in it: 2", "first record: table AlertInfo"});
}

TEST_CASE("a body that is not a records envelope is said to be one, with the reader's reason") {
  CHECK(lines_of("hello") ==
        std::vector<std::string>{"first message: hub hub-a, partition 3, offset 42, 5 bytes",
                                 "records in it: none: the body is not a records envelope (the body is not a JSON "
                                 "object)"});
  CHECK(lines_of(R"({"value":1})")[1] ==
        "records in it: none: the body is not a records envelope (the body has no \"records\" array)");
}

TEST_CASE("records that could not be read are counted apart from those read") {
  const auto lines = lines_of(R"({"records":[7,{"category":"AdvancedHunting-DeviceInfo","properties":{}}]})");
  REQUIRE(lines.size() == 3);
  CHECK(lines[1] == "records in it: 1 (and 1 that could not be read: record 1 is not a JSON object)");
  CHECK(lines[2] == "first record: table DeviceInfo");
  CHECK(lines_of(R"({"records":[]})")[1] == "records in it: 0");
}

TEST_CASE("the authentication is named: the connection string's file, or the Entra ID app and its credential") {
  Options options;
  options.driver = Driver::stream;
  options.stream.connection_string_file = "/etc/eventhubs.secret";
  CHECK(authentication_words(options) == "the connection string of /etc/eventhubs.secret (SASL PLAIN)");
  options.stream.connection_string_file.clear();
  options.tenant_id = "contoso.onmicrosoft.com";
  options.client_id = "app";
  options.client_secret_file = "/etc/secret";
  CHECK(authentication_words(options) ==
        "Entra ID app app of tenant contoso.onmicrosoft.com with its client-secret-file (SASL OAUTHBEARER)");
}

TEST_CASE("stream-check takes microsoft-defender-stream()'s options and refuses microsoft-defender()'s") {
  auto ok = parse_arguments(std::vector<std::string_view>{"stream-check", "--namespace", "contoso-defender",
                                                          "--event-hub", "hub-a", "--consumer-group", "g1"},
                            nullptr);
  REQUIRE(std::holds_alternative<Arguments>(ok));
  const Arguments &a = std::get<Arguments>(ok);
  CHECK(a.command == Command::stream_check);
  CHECK(a.options.driver == Driver::stream);
  CHECK(a.options.stream.hubs == std::vector<std::string>{"hub-a"});
  CHECK(a.consumer_group_given);
  auto api = parse_arguments(std::vector<std::string_view>{"stream-check", "--api", "graph"}, nullptr);
  CHECK(std::get<std::string>(api) == "api() is an option of microsoft-defender(), not of microsoft-defender-stream()");
}

TEST_CASE("stream-check's --timeout is at most 600 seconds and --start-from does not apply") {
  auto long_wait = parse_arguments(std::vector<std::string_view>{"stream-check", "--timeout", "601"}, nullptr);
  CHECK(std::get<std::string>(long_wait) == "stream-check's --timeout is at most 600 seconds, not 601");
  auto start = parse_arguments(std::vector<std::string_view>{"stream-check", "--start-from", "latest"}, nullptr);
  CHECK(std::get<std::string>(start) ==
        "stream-check reads each partition from its earliest message; --start-from does not apply");
}

TEST_CASE("without --consumer-group stream-check's own group is used") {
  auto parsed = parse_arguments(std::vector<std::string_view>{"stream-check", "--event-hub", "hub-a"}, nullptr);
  CHECK_FALSE(std::get<Arguments>(parsed).consumer_group_given);
}
