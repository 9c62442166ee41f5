// The Streaming API's Kafka consumer: reads the hubs of an Event Hubs namespace through its Kafka endpoint in a
// Kafka consumer group, hands out one message at a time, and commits, with every partition's offset, how many
// records of the next message the destinations already acknowledged (stream/partition_progress.h), so that a
// restart or a rebalance sends again exactly the records not yet acknowledged.
//
// Threads: one thread polls (open, poll, track, pause, resume, commit, close, the destructor); acknowledge() may be
// called from any thread, also after the partition was taken away (it is then ignored).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "stream/kafka_settings.h"
#include "stream/partition_progress.h"

struct rd_kafka_s;
struct rd_kafka_message_s;
struct rd_kafka_topic_partition_list_s;

namespace defender {

// Which message a record came from: what its acknowledgement names. `assignment` tells the partition's assignments
// apart, so an acknowledgement from before a rebalance never counts for the messages read after it.
struct MessageOrigin {
  uint32_t hub = 0;  // index in KafkaSettings::hubs
  int32_t partition = 0;
  int64_t offset = 0;
  uint64_t assignment = 0;
  bool operator==(const MessageOrigin &) const = default;
};

// A message handed out. payload stays valid until the next poll() or close().
struct KafkaMessage {
  MessageOrigin origin;
  std::string_view payload;
  // How many of the message's first records were acknowledged before a restart or a rebalance: not to be sent.
  uint32_t records_to_skip = 0;
};

// Nothing to hand out within the timeout.
struct KafkaIdle {};

// Something a person should read: the cause and what to check. fatal: the consumer cannot go on; close it and open
// another.
struct KafkaProblem {
  std::string message;
  bool fatal = false;
};

using KafkaPoll = std::variant<KafkaMessage, KafkaIdle, KafkaProblem>;

// How far a partition this member reads is behind: the high watermark librdkafka last saw less the position to
// commit, in Kafka messages.
struct PartitionLag {
  std::string hub;
  int32_t partition = 0;
  int64_t lag = 0;
  bool operator==(const PartitionLag &) const = default;
};

// What the consumer has done, for the source's statistics.
struct KafkaCounters {
  uint64_t commits = 0;     // commits the service accepted
  uint64_t rebalances = 0;  // assignments received from the group
  int64_t paused_ms = 0;    // time with a partition paused: its window full, or pause()
};

class KafkaConsumer {
 public:
  // Progress is committed this often while it moves: as often as Event Hubs accepts (4 commits a second per
  // partition), since what was acknowledged after the last commit is sent again after a crash.
  static constexpr int64_t commit_interval_ms = 250;
  // How long reading the committed offsets of newly assigned partitions, or committing, may take.
  static constexpr int offsets_timeout_ms = 10000;
  // Problems kept for poll() to hand out; older ones are dropped.
  static constexpr size_t max_problems = 16;
  // How long close() serves the revocation that leaving the group asks for before it closes anyway.
  static constexpr int64_t leave_wait_ms = 5000;

  // A consumer subscribed to settings.hubs, or why none could be created (a setting librdkafka refused).
  static std::variant<std::unique_ptr<KafkaConsumer>, std::string> open(KafkaSettings settings);

 private:
  struct Token {};

 public:
  KafkaConsumer(Token, KafkaSettings settings);  // open() creates it
  ~KafkaConsumer();
  KafkaConsumer(const KafkaConsumer &) = delete;
  KafkaConsumer &operator=(const KafkaConsumer &) = delete;

  // Waits up to timeout_ms for a message; commits due progress, serves rebalances and token requests meanwhile.
  KafkaPoll poll(int timeout_ms);
  // The message handed out holds `records` records, the first records_to_skip of which are not sent: the others are
  // awaited. A partition with PartitionProgress::max_outstanding_messages awaited is paused until some complete.
  void track(const KafkaMessage &message, uint32_t records);
  // The next `records` records of that message reached their destination.
  void acknowledge(const MessageOrigin &origin, uint32_t records = 1);

  // How many partitions this member reads now.
  size_t assigned_partitions();
  // Each partition this member reads whose position and high watermark are known, in hub and partition order.
  std::vector<PartitionLag> partition_lags();
  const KafkaCounters &counters() const { return counters_; }
  // Any thread: where each partition held would resume now (local_positions.h), for the persist file.
  std::vector<LocalPosition> local_positions();

  // Back-pressure: no message is handed out between pause() and resume(), and none is lost.
  void pause();
  void resume();

  // Commits the progress of every partition whose position moved, and waits for the answer. False when the commit
  // failed; the failure is handed out by the next poll().
  bool commit();
  // Commits, leaves the group (its partitions go to the others), closes. Nothing else may be called after.
  void close();

 private:
  struct PartitionKey {
    uint32_t hub;
    int32_t partition;
    auto operator<=>(const PartitionKey &) const = default;
  };
  struct Partition {
    PartitionProgress progress;
    uint64_t assignment;
    std::optional<PartitionPosition> resume_at;  // the committed position read on assignment
    bool paused_full = false;                    // paused because its window of awaited messages is full
  };
  struct KafkaDeleter {
    void operator()(rd_kafka_s *kafka) const;
  };
  struct MessageDeleter {
    void operator()(rd_kafka_message_s *message) const;
  };

  struct Callbacks;  // librdkafka's callbacks, in kafka_consumer.cpp
  friend struct Callbacks;

  void assigned(rd_kafka_topic_partition_list_s *partitions);
  void revoked(rd_kafka_topic_partition_list_s *partitions);
  KafkaPoll message_or_problem(rd_kafka_message_s *message);
  void resume_partitions_with_room();
  // The partitions held that are not paused for a full window of awaited messages.
  std::set<PartitionKey> partitions_not_full();
  // The group refused a commit because it is rebalancing: whatever is acknowledged from now on could not be committed
  // before the partitions move, and the next member would send it again. Reading stops until the assignment.
  void hold_for_rebalance();
  // Every partition held reads again, unless paused for another reason.
  void release_hold();
  bool reading_stopped() const { return paused_ || held_; }
  bool commit_positions(const std::set<PartitionKey> *only);
  // Creates the librdkafka consumer and subscribes; why not, or empty.
  std::string create();
  // Unsubscribes and serves the revocation that follows, so that rd_kafka_consumer_close() has nothing to revoke.
  void leave_group();
  // The partitions librdkafka has assigned to this consumer: 0 once a revocation was served.
  size_t librdkafka_assignment_size();
  void set_paused(const std::set<PartitionKey> &keys, bool paused);
  std::optional<uint32_t> hub_index(std::string_view topic) const;
  // Where this collector itself stands in a partition: acknowledged before it was revoked from this consumer, or
  // before the restart (KafkaSettings::local_positions), whichever is further.
  std::optional<PartitionPosition> local_position(std::string_view hub, int32_t partition) const;
  std::string problem_text(int err, std::string_view detail, std::string_view hub) const;
  std::string_view hub_name(uint32_t hub) const { return settings_.hubs[hub]; }
  void tell(std::string message, bool fatal = false);

  KafkaSettings settings_;
  std::string hub_list_;
  std::vector<uint32_t> hub_hashes_;  // hub_hash() of each hub, by index: every acknowledgement lists them
  std::unique_ptr<rd_kafka_s, KafkaDeleter> kafka_;
  std::unique_ptr<rd_kafka_message_s, MessageDeleter> current_;
  std::mutex mutex_;  // guards partitions_: acknowledgements come from other threads
  std::map<PartitionKey, Partition> partitions_;
  // The acknowledged position of each partition when it was last revoked: a partition that comes back in the next
  // assignment resumes there if the group's commit is behind (a commit refused during the rebalance).
  std::map<PartitionKey, PartitionPosition> revoked_at_;
  uint64_t assignments_ = 0;
  bool paused_ = false;
  bool held_ = false;  // hold_for_rebalance
  int64_t held_since_ms_ = 0;
  bool closed_ = false;
  int64_t last_commit_ms_ = 0;
  int64_t last_poll_ms_ = 0;
  bool was_paused_ = false;  // a partition was paused at the last poll
  KafkaCounters counters_;
  std::deque<KafkaProblem> problems_;  // to hand out from poll(), at most max_problems
};

}  // namespace defender
