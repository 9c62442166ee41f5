// microsoft-defender-stream()'s options: each value checked as it is set, the block checked as a whole, the driver
// refusing the other driver's options, the endpoints that follow, and the connection string read from its file.
#include <doctest/doctest.h>

#include <string>

#include "config/endpoints.h"
#include "config/option_setters.h"
#include "config/options.h"
#include "credentials/client_credential.h"
#include "private_file.h"

using namespace defender;

namespace {

Options stream_options() {
  Options o;
  o.driver = Driver::stream;
  return o;
}

// A block that validates: a namespace, a hub, a connection string file (not read by validate()).
Options valid_block() {
  Options o = stream_options();
  o.stream.event_namespace = "contoso-defender";
  o.stream.hubs = {"insights-logs-advancedhunting"};
  o.stream.connection_string_file = "/etc/syslog-ng/eventhubs.secret";
  return o;
}

const char *const connection_string =
    "Endpoint=sb://contoso-defender.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0";

}  // namespace

TEST_CASE("each driver refuses the other's options, naming the driver they belong to") {
  Options poll;
  CHECK(set_string_option(poll, DEFENDER_OPTION_NAMESPACE, "contoso") ==
        "namespace() is an option of microsoft-defender-stream(), not of microsoft-defender()");
  Options stream = stream_options();
  CHECK(set_number_option(stream, DEFENDER_OPTION_POLL_INTERVAL, 5) ==
        "poll-interval() is an option of microsoft-defender(), not of microsoft-defender-stream()");
  CHECK(set_string_option(stream, DEFENDER_OPTION_API, "graph") ==
        "api() is an option of microsoft-defender(), not of microsoft-defender-stream()");
  CHECK_FALSE(set_string_option(stream, DEFENDER_OPTION_FORMAT, "leef"));
  CHECK_FALSE(set_string_option(stream, DEFENDER_OPTION_TENANT_ID, "contoso.onmicrosoft.com"));
}

TEST_CASE("namespace() takes a namespace's name or its host name") {
  Options o = stream_options();
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_NAMESPACE, "contoso-defender"));
  CHECK(stream_bootstrap_servers(o) == "contoso-defender.servicebus.windows.net:9093");
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_NAMESPACE, "contoso.servicebus.windows.net"));
  CHECK(stream_bootstrap_servers(o) == "contoso.servicebus.windows.net:9093");
  CHECK(
      *set_string_option(o, DEFENDER_OPTION_NAMESPACE, "contoso defender") ==
      "namespace(\"contoso defender\") must be the Event Hubs namespace's name, e.g. namespace(\"contoso-defender\"), "
      "or its host name, e.g. namespace(\"contoso-defender.servicebus.windows.net\")");
  CHECK(set_string_option(o, DEFENDER_OPTION_NAMESPACE, "1contoso"));
}

TEST_CASE("the namespace's host follows the cloud, and bootstrap-servers() overrides it") {
  Options o = stream_options();
  o.stream.event_namespace = "contoso-defender";
  o.cloud = Cloud::gcc_high;
  CHECK(stream_bootstrap_servers(o) == "contoso-defender.servicebus.usgovcloudapi.net:9093");
  o.cloud = Cloud::gcc;
  CHECK(stream_bootstrap_servers(o) == "contoso-defender.servicebus.windows.net:9093");
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_BOOTSTRAP_SERVERS, "10.0.0.5:9093,10.0.0.6:9093"));
  CHECK(stream_bootstrap_servers(o) == "10.0.0.5:9093,10.0.0.6:9093");
  for (const char *bad : {"10.0.0.5", "10.0.0.5:", ":9093", "10.0.0.5:99999", "a:1,", "a b:1"})
    CHECK(set_string_option(o, DEFENDER_OPTION_BOOTSTRAP_SERVERS, bad) ==
          "bootstrap-servers(\"" + std::string(bad) +
              "\") must be host:port, or several separated by commas, e.g. \"10.0.0.5:9093\"");
}

TEST_CASE("an Entra ID token for the stream is asked for the namespace, from the cloud's login host") {
  Options o = stream_options();
  o.tenant_id = "contoso.onmicrosoft.com";
  o.stream.event_namespace = "contoso-defender";
  const Endpoints global = endpoints_for(o);
  CHECK(global.token_url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(global.token_version == TokenVersion::v2);
  CHECK(global.audience == "https://contoso-defender.servicebus.windows.net");
  o.cloud = Cloud::dod;
  CHECK(endpoints_for(o).token_url == "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(endpoints_for(o).audience == "https://contoso-defender.servicebus.usgovcloudapi.net");
  o.audience = "https://eventhubs.azure.net";
  CHECK(endpoints_for(o).audience == "https://eventhubs.azure.net");
}

TEST_CASE("event-hub() takes each hub once, at most 64") {
  Options o = stream_options();
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_EVENT_HUB, "insights-logs-advancedhunting"));
  CHECK(set_string_option(o, DEFENDER_OPTION_EVENT_HUB, "insights-logs-advancedhunting") ==
        "event-hub(\"insights-logs-advancedhunting\") is named twice");
  CHECK(set_string_option(o, DEFENDER_OPTION_EVENT_HUB, "a/b"));
  for (int i = 1; i < 64; ++i) CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_EVENT_HUB, "hub-" + std::to_string(i)));
  CHECK(set_string_option(o, DEFENDER_OPTION_EVENT_HUB, "one-too-many") ==
        "event-hub() names at most 64 hubs in one source");
  CHECK(o.stream.hubs.size() == 64);
}

TEST_CASE("tables() takes a table with or without AdvancedHunting-, and keeps what it names") {
  Options o = stream_options();
  CHECK(keeps_table(o.stream, "DeviceProcessEvents"));
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_TABLES, "DeviceProcessEvents"));
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_TABLES, "AdvancedHunting-AlertInfo"));
  CHECK(o.stream.tables == std::vector<std::string>{"DeviceProcessEvents", "AlertInfo"});
  CHECK(keeps_table(o.stream, "AlertInfo"));
  CHECK_FALSE(keeps_table(o.stream, "DeviceFileEvents"));
  CHECK(keeps_table(o.stream, ""));  // a record that could not be read
  CHECK(set_string_option(o, DEFENDER_OPTION_TABLES, "Device Events"));
}

TEST_CASE("start-from() and consumer-group() take their words") {
  Options o = stream_options();
  CHECK(o.stream.start_from == StartFrom::earliest);
  CHECK(o.stream.consumer_group == "$Default");
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_START_FROM, "Latest"));
  CHECK(o.stream.start_from == StartFrom::latest);
  CHECK(set_string_option(o, DEFENDER_OPTION_START_FROM, "beginning") ==
        "unknown start-from(beginning); use earliest (everything the hub retains) or latest (only what arrives from "
        "now on)");
  CHECK_FALSE(set_string_option(o, DEFENDER_OPTION_CONSUMER_GROUP, "syslog-ng"));
  CHECK(set_string_option(o, DEFENDER_OPTION_CONSUMER_GROUP, std::string(257, 'g')));
}

TEST_CASE("kafka-option() refuses the settings the module rests on, naming the option to use") {
  Options o = stream_options();
  CHECK_FALSE(set_pair_option(o, DEFENDER_OPTION_KAFKA_OPTION, "fetch.max.bytes", "52428800"));
  CHECK(set_pair_option(o, DEFENDER_OPTION_KAFKA_OPTION, "group.id", "x") ==
        "kafka-option(\"group.id\" ...) is set by the module; use consumer-group()");
  CHECK(set_pair_option(o, DEFENDER_OPTION_KAFKA_OPTION, "enable.auto.commit", "true") ==
        "kafka-option(\"enable.auto.commit\" ...) is set by the module; use nothing: offsets are committed only "
        "behind syslog-ng's acknowledgements");
  CHECK(set_pair_option(o, DEFENDER_OPTION_KAFKA_OPTION, "Fetch Max", "1") ==
        "kafka-option(\"Fetch Max\" ...): the name must be a librdkafka setting such as \"fetch.max.bytes\"");
  CHECK(set_pair_option(o, DEFENDER_OPTION_KAFKA_OPTION, "ssl.key.password", "a\nb") ==
        "kafka-option(\"ssl.key.password\" ...): the value must be at most 4096 printable characters");
  CHECK(o.stream.kafka_options == std::vector<std::pair<std::string, std::string>>{{"fetch.max.bytes", "52428800"}});
}

TEST_CASE("a stream block needs a namespace, a hub and one way to authenticate") {
  CHECK_FALSE(validate(valid_block()));
  Options o = valid_block();
  o.stream.event_namespace.clear();
  CHECK(validate(o)->message.starts_with("namespace() is required"));
  o = valid_block();
  o.stream.hubs.clear();
  CHECK(validate(o)->message.starts_with("event-hub() is required"));
  o = valid_block();
  o.stream.connection_string_file.clear();
  CHECK(validate(o)->message.starts_with("a credential is required: connection-string-file("));
  o = valid_block();
  o.tenant_id = "contoso.onmicrosoft.com";
  CHECK(validate(o)->option == DEFENDER_OPTION_CONNECTION_STRING_FILE);
  o.stream.connection_string_file.clear();
  o.client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  o.client_secret_file = "/etc/syslog-ng/defender.secret";
  CHECK_FALSE(validate(o));
  o.stream.event_namespace.clear();
  o.stream.bootstrap_servers = "10.0.0.5:9093";
  CHECK(validate(o)->option == DEFENDER_OPTION_BOOTSTRAP_SERVERS);
  o.audience = "https://contoso-defender.servicebus.windows.net";
  CHECK_FALSE(validate(o));
}

TEST_CASE("the connection string is read from its file, stripped, and refused when it is not one") {
  const Logger quiet(nullptr, nullptr, {});
  Options o = valid_block();
  test::PrivateFile good(std::string(connection_string) + "\n");
  o.stream.connection_string_file = good.path();
  const auto read = load_connection_string(o, quiet);
  REQUIRE(std::holds_alternative<Secret>(read));
  CHECK(std::get<Secret>(read).view() == connection_string);

  test::PrivateFile wrong("c2VjcmV0\n");
  o.stream.connection_string_file = wrong.path();
  const auto refused = load_connection_string(o, quiet);
  REQUIRE(std::holds_alternative<CredentialError>(refused));
  const CredentialError &error = std::get<CredentialError>(refused);
  CHECK(error.option == DEFENDER_OPTION_CONNECTION_STRING_FILE);
  CHECK(error.message.find("does not hold an Event Hubs connection string") != std::string::npos);
  CHECK(error.message.find("c2VjcmV0") == std::string::npos);
}
