// librdkafka's mock cluster on 127.0.0.1 holding the run's hubs, and the producer that owns it and fills them.
// Every message is checked: delivered, at the offset the ledger gives it, and still held once all are in (the mock
// broker keeps at most 5 MiB per partition and silently forgets the oldest messages beyond that).
#pragma once

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace streamsim {

class MockHubs {
  struct Private {};  // only start() constructs

 public:
  // `compression`: none, gzip, snappy, lz4 or zstd.
  static std::variant<std::unique_ptr<MockHubs>, std::string> start(int brokers, const std::string &compression);
  explicit MockHubs(Private) {}

  std::optional<std::string> create_hub(const std::string &name, int partitions);
  // From now on the broker answers "Unknown topic or partition" for the hub.
  void make_missing(const std::string &name);
  std::string bootstrap_servers() const;

  // Queues one message for `partition` of `hub`, which the ledger says lands at `offset`; waits while librdkafka's
  // queue is full. The reason when it cannot be queued.
  std::optional<std::string> send(const std::string &hub, int partition, std::string_view body, std::uint64_t offset);

  // Waits for every delivery report (up to `timeout_ms`), then checks that each message landed where send() was told
  // and that every partition still holds all its messages. The first thing wrong, if any.
  std::optional<std::string> finish(int timeout_ms);

 private:
  static void on_delivery(rd_kafka_t *producer, const rd_kafka_message_t *message, void *opaque);
  void delivered(const rd_kafka_message_t &message);

  struct Destroy {
    void operator()(rd_kafka_t *handle) const { rd_kafka_destroy(handle); }
  };
  std::unique_ptr<rd_kafka_t, Destroy> producer_;
  rd_kafka_mock_cluster_t *cluster_ = nullptr;              // owned by the producer
  std::map<std::string, std::vector<std::uint64_t>> sent_;  // hub -> messages sent per partition
  std::uint64_t failures_ = 0;
  std::string first_failure_;
};

}  // namespace streamsim
