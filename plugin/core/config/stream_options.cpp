#include "config/stream_options.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "config/text_match.h"

namespace defender {
namespace {

using Error = std::optional<std::string>;

std::string quoted(DefenderOption option, std::string_view value) {
  return std::string(defender_option_name(option)) + "(\"" + std::string(value) + "\")";
}

bool all_of(std::string_view text, bool (*ok)(unsigned char)) {
  return std::all_of(text.begin(), text.end(), [&](char c) { return ok(static_cast<unsigned char>(c)); });
}

bool host_character(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.'; }
bool hub_character(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_'; }
bool table_character(unsigned char c) { return std::isalnum(c) || c == '_'; }
bool kafka_name_character(unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '.' || c == '_'; }
bool printable(unsigned char c) { return c >= ' ' && c != 0x7f; }

// A namespace's name (Azure: 6 to 50 letters, digits and hyphens, starting with a letter), or its host name.
Error set_namespace(StreamOptions &o, std::string_view value) {
  const bool host = value.find('.') != std::string_view::npos;
  const bool ok = !value.empty() && value.size() <= 253 && std::isalpha(static_cast<unsigned char>(value[0])) &&
                  all_of(
                      value, host ? host_character : [](unsigned char c) { return std::isalnum(c) || c == '-'; });
  if (!ok)
    return quoted(DEFENDER_OPTION_NAMESPACE, value) +
           " must be the Event Hubs namespace's name, e.g. namespace(\"contoso-defender\"), or its host name, e.g. "
           "namespace(\"contoso-defender.servicebus.windows.net\")";
  o.event_namespace = value;
  return std::nullopt;
}

// host:port, comma-separated.
Error set_bootstrap_servers(StreamOptions &o, std::string_view value) {
  const auto refuse = [&] {
    return quoted(DEFENDER_OPTION_BOOTSTRAP_SERVERS, value) +
           " must be host:port, or several separated by commas, e.g. \"10.0.0.5:9093\"";
  };
  if (value.empty()) return refuse();
  std::string_view rest = value;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view server = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t colon = server.rfind(':');
    if (colon == 0 || colon == std::string_view::npos) return refuse();
    const std::string_view host = server.substr(0, colon);
    const std::string_view port = server.substr(colon + 1);
    unsigned number = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    const bool bracketed = host.front() == '[' && host.back() == ']';  // an IPv6 address
    if (ec != std::errc() || end != port.data() + port.size() || number == 0 || number > 65535 ||
        (!bracketed && !all_of(host, host_character)))
      return refuse();
    if (comma != std::string_view::npos && rest.empty()) return refuse();
  }
  o.bootstrap_servers = value;
  return std::nullopt;
}

// Event Hubs' names: 1 to 256 letters, digits, periods, hyphens and underscores.
Error add_hub(StreamOptions &o, std::string_view value) {
  if (value.empty() || value.size() > 256 || !all_of(value, hub_character))
    return quoted(DEFENDER_OPTION_EVENT_HUB, value) +
           " must be an event hub's name: letters, digits, '.', '-' and '_', e.g. "
           "event-hub(\"insights-logs-advancedhunting-deviceprocessevents\")";
  if (std::find(o.hubs.begin(), o.hubs.end(), value) != o.hubs.end())
    return quoted(DEFENDER_OPTION_EVENT_HUB, value) + " is named twice";
  if (o.hubs.size() >= max_event_hubs)
    return "event-hub() names at most " + std::to_string(max_event_hubs) + " hubs in one source";
  o.hubs.emplace_back(value);
  return std::nullopt;
}

Error set_consumer_group(StreamOptions &o, std::string_view value) {
  if (value.empty() || value.size() > 256 || !all_of(value, printable))
    return quoted(DEFENDER_OPTION_CONSUMER_GROUP, value) +
           " must be 1 to 256 printable characters: the Kafka consumer group the collectors share";
  o.consumer_group = value;
  return std::nullopt;
}

Error set_start_from(StreamOptions &o, std::string_view value) {
  for (const StartFrom start : {StartFrom::earliest, StartFrom::latest}) {
    if (equals_ignoring_case(value, start_from_name(start))) {
      o.start_from = start;
      return std::nullopt;
    }
  }
  return "unknown start-from(" + std::string(value) +
         "); use earliest (everything the hub retains) or latest (only what arrives from now on)";
}

// A table as the Streaming API names it, with or without the category's "AdvancedHunting-".
Error add_table(StreamOptions &o, std::string_view value) {
  std::string_view table = value;
  if (starts_with_ignoring_case(table, "AdvancedHunting-"))
    table.remove_prefix(std::string_view("AdvancedHunting-").size());
  if (table.empty() || table.size() > 128 || !all_of(table, table_character))
    return quoted(DEFENDER_OPTION_TABLES, value) +
           " must name an advanced hunting table, e.g. tables(DeviceProcessEvents DeviceNetworkEvents AlertInfo)";
  if (o.tables.size() >= max_tables) return "tables() names at most " + std::to_string(max_tables) + " tables";
  if (std::find(o.tables.begin(), o.tables.end(), table) == o.tables.end()) o.tables.emplace_back(table);
  return std::nullopt;
}

// The settings the module's guarantees or its own options rest on, and what to use instead.
struct Reserved {
  std::string_view name;
  std::string_view instead;
};
constexpr Reserved reserved_settings[] = {
    {"bootstrap.servers", "namespace() or bootstrap-servers()"},
    {"group.id", "consumer-group()"},
    {"auto.offset.reset", "start-from()"},
    {"enable.auto.commit", "nothing: offsets are committed only behind syslog-ng's acknowledgements"},
    {"enable.auto.offset.store", "nothing: offsets are committed only behind syslog-ng's acknowledgements"},
    {"partition.assignment.strategy",
     "nothing: the eager strategies are required (librdkafka 2.0's cooperative one loses assignments)"},
    {"sasl.mechanism", "connection-string-file() (PLAIN) or tenant-id() and client-id() (OAUTHBEARER)"},
    {"sasl.mechanisms", "connection-string-file() (PLAIN) or tenant-id() and client-id() (OAUTHBEARER)"},
    {"sasl.username", "connection-string-file()"},
    {"sasl.password", "connection-string-file()"},
    {"ssl.ca.location", "ca-file()"},
};

}  // namespace

std::string_view start_from_name(StartFrom start_from) {
  return start_from == StartFrom::latest ? "latest" : "earliest";
}

std::optional<std::string> set_stream_option(StreamOptions &o, DefenderOption option, std::string_view value) {
  switch (option) {
    case DEFENDER_OPTION_NAMESPACE:
      return set_namespace(o, value);
    case DEFENDER_OPTION_BOOTSTRAP_SERVERS:
      return set_bootstrap_servers(o, value);
    case DEFENDER_OPTION_EVENT_HUB:
      return add_hub(o, value);
    case DEFENDER_OPTION_CONSUMER_GROUP:
      return set_consumer_group(o, value);
    case DEFENDER_OPTION_CONNECTION_STRING_FILE:
      o.connection_string_file = value;
      if (value.empty()) return std::string("connection-string-file() must not be empty");
      return std::nullopt;
    case DEFENDER_OPTION_START_FROM:
      return set_start_from(o, value);
    case DEFENDER_OPTION_TABLES:
      return add_table(o, value);
    default:
      return std::string(defender_option_name(option)) + "() does not take a string";
  }
}

std::optional<std::string> set_kafka_option(StreamOptions &o, std::string_view name, std::string_view value) {
  const std::string written = "kafka-option(\"" + std::string(name) + "\" ...)";
  if (name.empty() || name.size() > 128 || !all_of(name, kafka_name_character))
    return written + ": the name must be a librdkafka setting such as \"fetch.max.bytes\"";
  for (const auto &reserved : reserved_settings)
    if (name == reserved.name) return written + " is set by the module; use " + std::string(reserved.instead);
  // The value is not repeated: a setting may hold a password (ssl.key.password).
  if (value.size() > 4096 || !all_of(value, printable))
    return written + ": the value must be at most 4096 printable characters";
  if (o.kafka_options.size() >= max_kafka_options)
    return "kafka-option() is given at most " + std::to_string(max_kafka_options) + " times in one source";
  o.kafka_options.emplace_back(name, value);
  return std::nullopt;
}

bool keeps_table(const StreamOptions &o, std::string_view table) {
  return o.tables.empty() || table.empty() || std::find(o.tables.begin(), o.tables.end(), table) != o.tables.end();
}

}  // namespace defender
