// librdkafka's errors told as what a person can act on, naming the Event Hubs namespace and the hub.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string>
#include <string_view>

namespace defender {

// What an error is about: the namespace (bootstrap servers), the hub(s) and the Kafka consumer group.
struct KafkaErrorContext {
  std::string_view cluster;
  std::string_view hubs;  // the hub the error names, or every hub read, comma-separated
  std::string_view group;
};

// err and librdkafka's own text for it, turned into the cause and what to check.
std::string kafka_error_text(rd_kafka_resp_err_t err, std::string_view detail, const KafkaErrorContext &context);

}  // namespace defender
