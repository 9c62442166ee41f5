#include "stream/kafka_settings.h"

namespace defender {

std::vector<std::pair<std::string, std::string>> kafka_configuration(const KafkaSettings &settings,
                                                                     int librdkafka_version) {
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
      // Memory: librdkafka prefetches up to queued.max.messages.kbytes of records (64 MiB by default) for all of
      // the consumer's partitions together, and may overshoot it by one fetch: at most max.partition.fetch.bytes
      // from each partition and fetch.max.bytes in all (as sent, compressed). 16 MiB holds about 12,000 records.
      {"queued.max.messages.kbytes", "16384"},
      {"max.partition.fetch.bytes", "262144"},
      {"fetch.max.bytes", "2097152"},
      {"security.protocol", "sasl_ssl"},
  };
  // A full prefetch queue is looked at again after fetch.queue.backoff.ms (1 s by default; before 2.2.0 always
  // 1 s): sooner, so that the queue refills as fast as it is read.
  if (librdkafka_version >= librdkafka_with_queue_backoff) configuration.emplace_back("fetch.queue.backoff.ms", "100");
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
