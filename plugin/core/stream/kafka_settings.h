// How the Streaming API's consumer connects to an Event Hubs namespace through its Kafka endpoint: which hubs, which
// Kafka consumer group, where a new group starts, how it authenticates, and the librdkafka settings that follow.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "config/stream_options.h"
#include "credentials/secret.h"
#include "stream/local_positions.h"

namespace defender {

// SASL PLAIN with the namespace's (or a hub's) connection string, as Event Hubs wants it: user "$ConnectionString".
struct ConnectionStringAuthentication {
  Secret connection_string;
};

// An Entra ID access token for https://<namespace>.servicebus.windows.net.
struct OAuthToken {
  std::string token;
  int64_t expires_at_ms = 0;  // since the Unix epoch
  std::string principal;      // librdkafka requires one; the token's subject or the client id
};
// Either a token or why none could be had (told to librdkafka, which retries about 10 s later).
using OAuthTokenSource = std::function<std::variant<OAuthToken, std::string>()>;

// SASL OAUTHBEARER, the token from the caller, asked for on the polling thread when librdkafka needs one.
struct OAuthBearerAuthentication {
  OAuthTokenSource token_source;
};

using KafkaAuthentication = std::variant<ConnectionStringAuthentication, OAuthBearerAuthentication>;

struct KafkaSettings {
  std::string bootstrap_servers;  // <namespace>.servicebus.windows.net:9093
  std::vector<std::string> hubs;  // Kafka topics
  std::string group_id;           // a Kafka consumer group, namespace-wide; not an Event Hubs consumer group
  StartFrom start_from = StartFrom::earliest;
  KafkaAuthentication authentication;
  // librdkafka settings by name, applied after every other one, so they can override any of them.
  std::vector<std::pair<std::string, std::string>> extra;
  // What this collector acknowledged before it stopped (local_positions.h): a partition assigned resumes there when
  // that is further than the group's commit.
  std::vector<LocalPosition> local_positions;
  // A consumer that stopped reading because the group refused a commit while rebalancing reads again at the next
  // assignment, or after this long without one (Event Hubs' recommended session timeout).
  int64_t rebalance_hold_limit_ms = 30000;
  // librdkafka's log lines (syslog level, text); called from librdkafka's threads. Empty: not logged.
  std::function<void(int level, const std::string &text)> log;
};

// The librdkafka release that first has fetch.queue.backoff.ms (2.2.0, as rd_kafka_version() encodes it).
constexpr int librdkafka_with_queue_backoff = 0x02020000;

// Every librdkafka setting the consumer is created with, in the order applied (the extra ones last), for the
// librdkafka release `librdkafka_version` (rd_kafka_version()). Holds the connection string, when that is the
// authentication: wipe() the values once applied.
std::vector<std::pair<std::string, std::string>> kafka_configuration(const KafkaSettings &settings,
                                                                     int librdkafka_version);

}  // namespace defender
