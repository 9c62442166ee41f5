#include "stream/stream_settings.h"

#include "config/endpoints.h"

namespace defender {

KafkaSettings stream_kafka_settings(const Options &options, KafkaAuthentication authentication, const Logger &logger) {
  KafkaSettings settings;
  settings.bootstrap_servers = stream_bootstrap_servers(options);
  settings.hubs = options.stream.hubs;
  settings.group_id = options.stream.consumer_group;
  settings.start_from = options.stream.start_from;
  settings.authentication = std::move(authentication);
  // The module's TLS options first, so that a kafka-option() written for the same setting wins.
  if (!options.transport.ca_file.empty()) settings.extra.emplace_back("ssl.ca.location", options.transport.ca_file);
  if (!options.transport.peer_verify) settings.extra.emplace_back("enable.ssl.certificate.verification", "false");
  settings.extra.insert(settings.extra.end(), options.stream.kafka_options.begin(), options.stream.kafka_options.end());
  // librdkafka's own lines are for those who debug: what a person must act on comes through its error callback.
  settings.log = [logger](int, const std::string &text) { logger.debug("librdkafka: " + text); };
  return settings;
}

}  // namespace defender
