#include "mock_hubs.h"

#include <chrono>

namespace streamsim {
namespace {

// How long a full producer queue may stay full before send() gives up.
constexpr auto kQueueFullPatience = std::chrono::seconds(120);

std::optional<std::string> set(rd_kafka_conf_t *conf, const char *name, const std::string &value) {
  char error[512];
  if (rd_kafka_conf_set(conf, name, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK)
    return std::string("cannot set ") + name + "=" + value + ": " + error;
  return std::nullopt;
}

}  // namespace

std::variant<std::unique_ptr<MockHubs>, std::string> MockHubs::start(int brokers, const std::string &compression) {
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  const std::pair<const char *, std::string> settings[] = {
      {"test.mock.num.brokers", std::to_string(brokers)},
      // Idempotence keeps each partition's messages in the order sent, so that event n of a partition is offset n.
      {"enable.idempotence", "true"},
      {"compression.codec", compression},
      {"linger.ms", "20"},
      // Bodies stay under 1,000,000 bytes; librdkafka counts its framing too.
      {"message.max.bytes", "1100000"},
      {"message.timeout.ms", "120000"},
  };
  for (const auto &[name, value] : settings) {
    if (auto error = set(conf, name, value)) {
      rd_kafka_conf_destroy(conf);
      return *error;
    }
  }
  auto hubs = std::make_unique<MockHubs>(Private{});
  rd_kafka_conf_set_dr_msg_cb(conf, &MockHubs::on_delivery);
  rd_kafka_conf_set_opaque(conf, hubs.get());
  char error[512];
  hubs->producer_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error));
  if (!hubs->producer_) {
    rd_kafka_conf_destroy(conf);
    return std::string("cannot start the mock cluster's producer: ") + error;
  }
  hubs->cluster_ = rd_kafka_handle_mock_cluster(hubs->producer_.get());
  if (!hubs->cluster_) return std::string("librdkafka made no mock cluster (test.mock.num.brokers)");
  return hubs;
}

std::optional<std::string> MockHubs::create_hub(const std::string &name, int partitions) {
  const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, 1);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return "cannot create hub " + name + ": " + rd_kafka_err2str(err);
  sent_[name].assign(static_cast<std::size_t>(partitions), 0);
  return std::nullopt;
}

void MockHubs::make_missing(const std::string &name) {
  rd_kafka_mock_topic_set_error(cluster_, name.c_str(), RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
}

std::string MockHubs::bootstrap_servers() const { return rd_kafka_mock_cluster_bootstraps(cluster_); }

std::optional<std::string> MockHubs::send(const std::string &hub, int partition, std::string_view body,
                                          std::uint64_t offset) {
  const auto deadline = std::chrono::steady_clock::now() + kQueueFullPatience;
  while (true) {
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        producer_.get(), RD_KAFKA_V_TOPIC(hub.c_str()), RD_KAFKA_V_PARTITION(partition),
        RD_KAFKA_V_VALUE(const_cast<char *>(body.data()), body.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_OPAQUE(reinterpret_cast<void *>(static_cast<std::uintptr_t>(offset))), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
      return "cannot send event " + std::to_string(offset) + " to " + hub + " partition " + std::to_string(partition) +
             ": " + rd_kafka_err2str(err);
    if (std::chrono::steady_clock::now() > deadline)
      return "the producer's queue stayed full for " + std::to_string(kQueueFullPatience.count()) + " s";
    rd_kafka_poll(producer_.get(), 100);
  }
  ++sent_[hub][static_cast<std::size_t>(partition)];
  rd_kafka_poll(producer_.get(), 0);
  return std::nullopt;
}

void MockHubs::on_delivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque) {
  static_cast<MockHubs *>(opaque)->delivered(*message);
}

void MockHubs::delivered(const rd_kafka_message_t &message) {
  const auto expected = static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(message._private));
  std::string problem;
  if (message.err)
    problem = std::string("not delivered: ") + rd_kafka_err2str(message.err);
  else if (message.offset != expected)
    problem = "delivered at offset " + std::to_string(message.offset) + ", not where the ledger says";
  if (problem.empty()) return;
  if (failures_++ == 0)
    first_failure_ = "event " + std::to_string(expected) + " of " + rd_kafka_topic_name(message.rkt) + " partition " +
                     std::to_string(message.partition) + " " + problem;
}

std::optional<std::string> MockHubs::finish(int timeout_ms) {
  if (rd_kafka_flush(producer_.get(), timeout_ms) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return std::to_string(rd_kafka_outq_len(producer_.get())) + " messages still undelivered after " +
           std::to_string(timeout_ms / 1000) + " s";
  if (failures_) return std::to_string(failures_) + " messages went wrong; the first: " + first_failure_;
  for (const auto &[hub, counts] : sent_) {
    for (std::size_t p = 0; p < counts.size(); ++p) {
      std::int64_t low = 0;
      std::int64_t high = 0;
      const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
          producer_.get(), hub.c_str(), static_cast<std::int32_t>(p), &low, &high, 10000);
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return "cannot read the offsets of " + hub + " partition " + std::to_string(p) + ": " + rd_kafka_err2str(err);
      if (low != 0 || high != static_cast<std::int64_t>(counts[p]))
        return hub + " partition " + std::to_string(p) + " holds offsets " + std::to_string(low) + " to " +
               std::to_string(high) + " of the " + std::to_string(counts[p]) +
               " events sent: the mock broker keeps at most 5 MiB per partition and has dropped the oldest. Use "
               "more --partitions, fewer --records or a stronger --compression";
    }
  }
  return std::nullopt;
}

}  // namespace streamsim
