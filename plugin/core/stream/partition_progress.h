// What a consumer may commit for one Kafka partition: the messages it handed out (offset, how many records each)
// and the acknowledgements of their records coming back. Acknowledgements may complete messages out of order, but
// the records of one message are acknowledged in the order they were sent (syslog-ng acknowledges in order), so a
// message's progress is a count: its first n records are through.
//
// The position to commit is the first message not wholly acknowledged, with the count of its records already
// through; the count travels in the commit's metadata so that after a crash or a rebalance whoever resumes the
// partition skips those records instead of sending them again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace defender {

// Where reading a partition resumes: the message at `offset`, of which the first `acknowledged_records` are through.
// With consecutive offsets, `offset` is 1 + the last offset whose records, and all before it, are acknowledged;
// Kafka offsets may skip (transaction markers, compaction), and the next message's own offset is where reading
// resumes either way.
struct PartitionPosition {
  int64_t offset = 0;
  uint32_t acknowledged_records = 0;
  // Further along the partition: a later message, or more of the same message's records acknowledged.
  auto operator<=>(const PartitionPosition &) const = default;
};

enum class HandOut {
  tracked,        // the message's records are awaited
  window_full,    // max_outstanding_messages are awaited already: pause the partition, hand it out again later
  not_ascending,  // at or before a message handed out already: not tracked
};

enum class Acknowledgement {
  accepted,
  unknown_message,  // not awaited: never handed out, wholly acknowledged already, or forgotten in a rebalance
  too_many,         // more records than the message has left unacknowledged: nothing counted
};

class PartitionProgress {
 public:
  // How many messages are awaited at most: from the first not wholly acknowledged to the last handed out. 16 bytes
  // each, so at most 16 KiB a partition (an Event Hub has at most 1024 partitions). A consumer that reaches it
  // pauses the partition until acknowledgements free room.
  static constexpr size_t max_outstanding_messages = 1024;

  // records: how many records the message holds; already_acknowledged: how many of its first records need not be
  // sent, as the commit metadata told (at most `records` are counted).
  HandOut hand_out(int64_t offset, uint32_t records, uint32_t already_acknowledged = 0);
  // The next `records` records of the message at `offset` are through.
  Acknowledgement acknowledge(int64_t offset, uint32_t records = 1);

  // Where reading would resume now; nothing before the first message is handed out.
  std::optional<PartitionPosition> position() const;
  // The position differs from the one last committed (or read as committed when the partition was assigned).
  bool has_uncommitted() const { return position() && position() != committed_; }
  void committed(PartitionPosition position) { committed_ = position; }

  bool full() const { return outstanding_.size() >= max_outstanding_messages; }
  size_t outstanding_messages() const { return outstanding_.size(); }

 private:
  struct Outstanding {
    int64_t offset;
    uint32_t records;
    uint32_t acknowledged;
  };
  void drop_completed();

  std::deque<Outstanding> outstanding_;  // ascending offsets
  std::optional<int64_t> last_handed_out_;
  std::optional<PartitionPosition> committed_;
};

// Kafka keeps at most this much metadata with a committed offset (Event Hubs' limit).
constexpr size_t max_commit_metadata_bytes = 1024;

// The metadata committed with position.offset: empty when none of that message's records is acknowledged, else
// names the message's offset and the count, so that metadata committed with another offset is never misread.
std::string encode_commit_metadata(const PartitionPosition &position);

// How many records of the message at `committed_offset` to skip, given the metadata committed with that offset:
// 0 unless the metadata is ours, well formed and names that same offset.
uint32_t records_to_skip(int64_t committed_offset, std::string_view metadata);

}  // namespace defender
