// What microsoft-defender-stream() reads and how: the Event Hubs namespace and its hubs, the Kafka consumer group,
// where a new group starts, the connection string's file, the tables kept and the librdkafka settings a user tunes.
// The Entra ID credential, cloud, format and TLS options are Options' own, shared with microsoft-defender().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "boundary/core.h"

namespace defender {

// Where a group without a committed offset starts reading a partition (librdkafka's auto.offset.reset).
enum class StartFrom { earliest, latest };

// Bounds on what a configuration may list.
inline constexpr size_t max_event_hubs = 64;
inline constexpr size_t max_tables = 256;
inline constexpr size_t max_kafka_options = 64;

struct StreamOptions {
  std::string event_namespace;  // namespace(): a name ("contoso-defender") or a host ("contoso.servicebus.windows.net")
  std::string bootstrap_servers;  // bootstrap-servers(): host:port[,host:port...]; overrides the namespace's host
  std::vector<std::string> hubs;  // event-hub(): Kafka topics
  std::string consumer_group = "$Default";
  std::string connection_string_file;
  StartFrom start_from = StartFrom::earliest;
  std::vector<std::string> tables;  // tables(): kept tables, without "AdvancedHunting-"; empty keeps every table
  std::vector<std::pair<std::string, std::string>> kafka_options;  // kafka-option(name value), in order
};

// One text option of the stream driver (namespace, bootstrap-servers, event-hub, consumer-group,
// connection-string-file, start-from, tables): an error for the person writing the configuration, or nothing.
std::optional<std::string> set_stream_option(StreamOptions &options, DefenderOption option, std::string_view value);
// kafka-option("name" "value"). The settings the module's guarantees rest on are refused, with the option to use.
std::optional<std::string> set_kafka_option(StreamOptions &options, std::string_view name, std::string_view value);

// tables() keeps the table ("DeviceProcessEvents"); a record that could not be read has no table and is kept.
bool keeps_table(const StreamOptions &options, std::string_view table);

// "earliest" or "latest".
std::string_view start_from_name(StartFrom start_from);

}  // namespace defender
