// microsoft-defender-stream()'s core: reads Kafka messages from the consumer, splits each into its records, keeps the
// tables asked for and hands the records out one at a time, each with what its acknowledgement completes.
//
// Acknowledgements: every record handed out has a sequence number, and syslog-ng acknowledges in order (its
// consecutive ack tracker), so an acknowledgement of sequence n completes every record handed out up to n. A
// message's progress is a count of its first records. A record left out by tables() is counted with the record
// handed out before it; those before the first record handed out are acknowledged at once. Nothing is dropped
// unseen: a message that is not a records envelope comes out as one unparsed record (stream/envelope_reader.h).
//
// Threads: the fetcher thread calls next(), describe() and stats(); acknowledge() and request_exit() come from any
// thread; close() after the fetcher thread stopped.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "config/options.h"
#include "reporting/logger.h"
#include "stream/envelope_reader.h"
#include "stream/kafka_consumer.h"
#include "stream/kafka_settings.h"

namespace defender {

// A record to send, valid until the next call of next(); acknowledge_through(sequence) says it was delivered.
struct StreamHandOut {
  const StreamRecord *record;
  uint64_t sequence;
};

// A snapshot of local_positions.h to write into slot `slot` (0 or 1) of the persist entry.
struct PositionsToKeep {
  std::string bytes;
  size_t slot;
};

// Nothing to send now: ask again after this long.
struct StreamIdle {
  int milliseconds;
};

using StreamNext = std::variant<StreamHandOut, StreamIdle>;

// The source's counters (docs/options.md, "Statistics of microsoft-defender-stream()").
struct StreamCounters {
  uint64_t records = 0;          // records handed out
  uint64_t records_skipped = 0;  // records tables() left out (acknowledged, not sent)
  uint64_t kafka_messages = 0;
  uint64_t parse_errors = 0;  // unparsed records handed out: a body or a record that could not be read
  uint64_t bytes = 0;         // Kafka message bodies
  uint64_t commits = 0;
  uint64_t rebalances = 0;
  uint64_t partitions = 0;                   // held now
  int64_t lag = 0;                           // Kafka messages behind the newest, over the partitions held
  std::vector<PartitionLag> partition_lags;  // the same for each partition held (KafkaConsumer::partition_lags)
  int64_t paused_ms = 0;
  uint64_t consumer_restarts = 0;  // the consumer closed after a fatal error and opened anew
};

class StreamSource {
 public:
  // How long one poll of the consumer waits for a message: also how soon request_exit() is heard.
  static constexpr int poll_timeout_ms = 100;
  // After a fatal consumer error, how long until a new consumer is opened.
  static constexpr int reopen_delay_ms = 10'000;
  // The same problem told again within this time goes to the debug log only.
  static constexpr int64_t repeat_quiet_ms = 60'000;

  // restored: what the persist file held of this source's acknowledged positions (local_positions.h).
  StreamSource(const Options &options, KafkaAuthentication authentication, Logger logger,
               std::optional<LocalSnapshot> restored = std::nullopt);
  ~StreamSource();

  StreamNext next();
  // The next record of the message being handed out, or nothing: never polls. What the caller takes after a next()
  // to post several messages at once.
  std::optional<StreamHandOut> ready();
  // Every record handed out up to and including `sequence` reached its destination. Returns where the partitions
  // held would resume now, to keep in the persist file.
  std::optional<PositionsToKeep> acknowledge_through(uint64_t sequence);
  void request_exit() { exit_requested_ = true; }
  // Commits what was acknowledged and leaves the consumer group.
  void close();

  StreamCounters counters();
  // The start line: namespace, hubs, group, authentication, format and tables.
  std::string describe() const;

 private:
  bool open_consumer();
  void take(const KafkaMessage &message);
  std::optional<StreamHandOut> hand_out_next();
  void tell(const KafkaProblem &problem);

  const Options options_;
  KafkaSettings settings_;
  Logger logger_;
  // What acknowledging each record handed out completes, oldest first: the records of its message it counts for
  // (itself and those tables() left out after it).
  struct InFlight {
    uint64_t sequence;
    MessageOrigin origin;
    uint32_t records;
  };

  std::mutex consumer_mutex_;  // guards consumer_ and in_flight_ against acknowledgements from other threads
  std::unique_ptr<KafkaConsumer> consumer_;
  std::deque<InFlight> in_flight_;
  uint64_t last_sequence_ = 0;
  uint64_t positions_generation_ = 0;  // of the last snapshot of local positions handed out
  std::atomic<bool> exit_requested_{false};
  int64_t reopen_at_ms_ = 0;

  // The message whose records are being handed out.
  MessageOrigin origin_;
  StreamBody body_;
  size_t next_record_ = 0;

  StreamCounters counters_;
  KafkaCounters closed_consumers_;  // what consumers closed after a fatal error had counted
  std::map<std::string, int64_t> told_at_ms_;
};

}  // namespace defender
