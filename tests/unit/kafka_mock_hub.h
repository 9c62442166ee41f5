// A one-broker librdkafka mock cluster on 127.0.0.1 (plaintext: the mock serves neither SASL nor TLS) with one hub,
// and a producer writing into it: the test broker of the Streaming API's unit tests.
#pragma once

#include <doctest/doctest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <memory>
#include <string>

namespace defender::test {

class MockHub {
 public:
  explicit MockHub(std::string hub = "insights-logs-advancedhunting-deviceevents", int partitions = 4)
      : hub_(std::move(hub)), partitions_(partitions) {
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char text[256];
    REQUIRE(rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", text, sizeof text) == RD_KAFKA_CONF_OK);
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t *, int, const char *, const char *) {});
    producer_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, text, sizeof text));
    REQUIRE(producer_);
    cluster_ = rd_kafka_handle_mock_cluster(producer_.get());
    REQUIRE(cluster_);
    REQUIRE(rd_kafka_mock_topic_create(cluster_, hub_.c_str(), partitions_, 1) == RD_KAFKA_RESP_ERR_NO_ERROR);
  }

  std::string bootstraps() const { return rd_kafka_mock_cluster_bootstraps(cluster_); }
  const std::string &hub() const { return hub_; }

  void produce(int partition, const std::string &payload) {
    REQUIRE(rd_kafka_producev(producer_.get(), RD_KAFKA_V_TOPIC(hub_.c_str()), RD_KAFKA_V_PARTITION(partition),
                              RD_KAFKA_V_VALUE(const_cast<char *>(payload.data()), payload.size()),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  // count messages into every partition, named "<prefix><partition>-<i>".
  void produce_each(const std::string &prefix, int count) {
    for (int p = 0; p < partitions_; ++p)
      for (int i = 0; i < count; ++i) produce(p, prefix + std::to_string(p) + "-" + std::to_string(i));
    flush();
  }
  // The next `count` commits (OffsetCommit requests) are answered with `error`, until accept_commits().
  void refuse_commits(size_t count, rd_kafka_resp_err_t error) {
    for (size_t i = 0; i < count; ++i) rd_kafka_mock_push_request_errors(cluster_, offset_commit, 1, error);
  }
  void accept_commits() { rd_kafka_mock_clear_request_errors(cluster_, offset_commit); }
  void flush() { REQUIRE(rd_kafka_flush(producer_.get(), 10000) == RD_KAFKA_RESP_ERR_NO_ERROR); }

 private:
  struct Deleter {
    void operator()(rd_kafka_t *kafka) const { rd_kafka_destroy(kafka); }
  };
  std::unique_ptr<rd_kafka_t, Deleter> producer_;
  std::string hub_;
  int partitions_;
  rd_kafka_mock_cluster_t *cluster_ = nullptr;  // owned by the producer
  static constexpr int16_t offset_commit = 8;   // the Kafka protocol's ApiKey of OffsetCommit
};

}  // namespace defender::test
