#include "stream/kafka_error_text.h"

namespace defender {

namespace {

std::string what_to_check(rd_kafka_resp_err_t err, const KafkaErrorContext &context) {
  const std::string cluster(context.cluster);
  const std::string hubs(context.hubs);
  switch (err) {
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM:
      return "Event Hubs namespace " + cluster +
             " refused the credentials: check the connection string (the namespace's or the hub's, from a policy "
             "with Listen; a generated SAS token is not accepted) or, with an Entra ID token, that it is issued for "
             "https://<namespace>.servicebus.windows.net";
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
      return "not allowed to read hub " + hubs + " on " + cluster +
             ": give the application the role Azure Event Hubs Data Receiver on the hub or the namespace (Owner and "
             "Contributor give no access to the data; a new role takes up to 5 minutes), or use a policy with "
             "Listen; a Basic tier namespace has no Kafka endpoint";
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
      return "not allowed to use consumer group " + std::string(context.group) + " on " + cluster +
             ": give the application the role Azure Event Hubs Data Receiver on the namespace";
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
      return "hub " + hubs + " does not exist in Event Hubs namespace " + cluster +
             ": check the hub's name (hubs Defender creates are named insights-logs-advancedhunting-<table>) and "
             "that the Streaming API exports to this namespace";
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
      return "cannot reach Event Hubs namespace " + cluster +
             ": check the name (<namespace>.servicebus.windows.net:9093), DNS, and that a firewall lets TCP port "
             "9093 out; reading resumes when it is reachable";
    case RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED:
      return "the destinations held the source back for longer than max.poll.interval.ms, so this collector left "
             "consumer group " +
             std::string(context.group) + " on " + cluster +
             " and joins it again now: rows acknowledged since the last commit may come again. If a destination "
             "stalls this long, make it reliable (a disk buffer) or raise kafka-option(\"max.poll.interval.ms\" ...)";
    case RD_KAFKA_RESP_ERR__SSL:
      return "TLS with Event Hubs namespace " + cluster +
             " failed: check the system's CA certificates and that nothing between intercepts TLS";
    default:
      return "Kafka error reading hub " + hubs + " of " + cluster + " in consumer group " + std::string(context.group);
  }
}

}  // namespace

std::string kafka_error_text(rd_kafka_resp_err_t err, std::string_view detail, const KafkaErrorContext &context) {
  return what_to_check(err, context) + " (librdkafka: " + std::string(detail) + ")";
}

}  // namespace defender
