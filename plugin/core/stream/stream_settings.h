// The Kafka consumer's settings for a microsoft-defender-stream() configuration: where, which hubs, which group, how
// it authenticates, and the TLS and kafka-option() settings. The source and defender-fetch stream-check use the same.
#pragma once

#include "config/options.h"
#include "reporting/logger.h"
#include "stream/kafka_settings.h"

namespace defender {

// librdkafka's own log lines go to the logger's debug level.
KafkaSettings stream_kafka_settings(const Options &options, KafkaAuthentication authentication, const Logger &logger);

}  // namespace defender
