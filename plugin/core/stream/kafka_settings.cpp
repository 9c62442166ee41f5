#include "stream/kafka_settings.h"

namespace defender {

std::vector<std::pair<std::string, std::string>> kafka_configuration(const KafkaSettings &settings) {
  std::vector<std::pair<std::string, std::string>> configuration{
      {"bootstrap.servers", settings.bootstrap_servers},
      {"group.id", settings.group_id},
      {"auto.offset.reset", settings.start_from == StartFrom::latest ? "latest" : "earliest"},
      // Microsoft's settings for Event Hubs: its load balancers close connections idle for 240 s, so metadata is
      // refreshed and idle connections are closed by the client before that; librdkafka sets the idle limit on its
      // own only for bootstrap servers that name "azure", which *.servicebus.windows.net does not.
      {"socket.keepalive.enable", "true"},
      {"metadata.max.age.ms", "180000"},
      {"connections.max.idle.ms", "180000"},
      {"session.timeout.ms", "30000"},
      {"heartbeat.interval.ms", "3000"},
      {"max.poll.interval.ms", "300000"},
      // Offsets are committed, with their metadata, only for records the destinations acknowledged.
      {"enable.auto.offset.store", "false"},
      {"enable.auto.commit", "false"},
      // Eager assignment: librdkafka 2.0.2's cooperative protocol has bugs fixed only later (crash and hang on
      // close, rewinds on resume, lost assignments when committing during a rebalance).
      {"partition.assignment.strategy", "range,roundrobin"},
      {"security.protocol", "sasl_ssl"},
  };
  if (const auto *plain = std::get_if<ConnectionStringAuthentication>(&settings.authentication)) {
    configuration.emplace_back("sasl.mechanism", "PLAIN");
    configuration.emplace_back("sasl.username", "$ConnectionString");
    configuration.emplace_back("sasl.password", std::string(plain->connection_string.view()));
  } else {
    configuration.emplace_back("sasl.mechanism", "OAUTHBEARER");
  }
  configuration.insert(configuration.end(), settings.extra.begin(), settings.extra.end());
  return configuration;
}

}  // namespace defender
