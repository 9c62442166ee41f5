// What a Kafka consumer may commit for one partition: the first message not wholly acknowledged, and how many of its
// records are, carried in the commit metadata and read back after a restart or a rebalance.
#include <doctest/doctest.h>

#include <string>

#include "stream/partition_progress.h"

using namespace defender;

namespace {

PartitionPosition position_of(const PartitionProgress &progress) {
  const auto position = progress.position();
  REQUIRE(position);
  return *position;
}

}  // namespace

TEST_CASE("a partition with nothing handed out has no position to commit") {
  PartitionProgress progress;
  CHECK_FALSE(progress.position());
  CHECK_FALSE(progress.has_uncommitted());
}

TEST_CASE("a handed-out message with nothing acknowledged is where reading resumes") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 3) == HandOut::tracked);
  CHECK(position_of(progress) == PartitionPosition{40, 0});
}

TEST_CASE("acknowledging every record of a message moves the position past it") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 3) == HandOut::tracked);
  CHECK(progress.acknowledge(40, 3) == Acknowledgement::accepted);
  CHECK(position_of(progress) == PartitionPosition{41, 0});
  CHECK(progress.outstanding_messages() == 0);
}

TEST_CASE("acknowledging some records of the first message counts them in the position") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 3) == HandOut::tracked);
  CHECK(progress.acknowledge(40) == Acknowledgement::accepted);
  CHECK(progress.acknowledge(40) == Acknowledgement::accepted);
  CHECK(position_of(progress) == PartitionPosition{40, 2});
}

TEST_CASE("a later message acknowledged first does not move the position past an earlier one") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 2) == HandOut::tracked);
  REQUIRE(progress.hand_out(41, 2) == HandOut::tracked);
  CHECK(progress.acknowledge(41, 2) == Acknowledgement::accepted);
  CHECK(position_of(progress) == PartitionPosition{40, 0});
  CHECK(progress.outstanding_messages() == 2);
}

TEST_CASE("completing the earlier message moves the position past every message acknowledged after it") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 2) == HandOut::tracked);
  REQUIRE(progress.hand_out(41, 2) == HandOut::tracked);
  REQUIRE(progress.hand_out(42, 2) == HandOut::tracked);
  REQUIRE(progress.acknowledge(41, 2) == Acknowledgement::accepted);
  REQUIRE(progress.acknowledge(42, 1) == Acknowledgement::accepted);
  CHECK(progress.acknowledge(40, 2) == Acknowledgement::accepted);
  CHECK(position_of(progress) == PartitionPosition{42, 1});
  CHECK(progress.outstanding_messages() == 1);
}

TEST_CASE("offsets that skip numbers resume at the next message's own offset") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 1) == HandOut::tracked);
  REQUIRE(progress.hand_out(45, 1) == HandOut::tracked);
  REQUIRE(progress.acknowledge(40) == Acknowledgement::accepted);
  CHECK(position_of(progress) == PartitionPosition{45, 0});
}

TEST_CASE("a message without records is acknowledged as it is handed out") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 0) == HandOut::tracked);
  CHECK(position_of(progress) == PartitionPosition{41, 0});
}

TEST_CASE("records the commit metadata named as acknowledged count as acknowledged") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 5, 3) == HandOut::tracked);
  CHECK(position_of(progress) == PartitionPosition{40, 3});
  CHECK(progress.acknowledge(40, 2) == Acknowledgement::accepted);
  CHECK(position_of(progress) == PartitionPosition{41, 0});
}

TEST_CASE("more already-acknowledged records than the message holds complete it") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 2, 7) == HandOut::tracked);
  CHECK(position_of(progress) == PartitionPosition{41, 0});
}

TEST_CASE("a message at or before one handed out already is not tracked") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 1) == HandOut::tracked);
  CHECK(progress.hand_out(40, 1) == HandOut::not_ascending);
  CHECK(progress.hand_out(39, 1) == HandOut::not_ascending);
  CHECK(progress.outstanding_messages() == 1);
}

TEST_CASE("an acknowledgement of a message never handed out is refused") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 1) == HandOut::tracked);
  CHECK(progress.acknowledge(41) == Acknowledgement::unknown_message);
  CHECK(position_of(progress) == PartitionPosition{40, 0});
}

TEST_CASE("an acknowledgement of a message already wholly acknowledged and passed is refused") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 1) == HandOut::tracked);
  REQUIRE(progress.acknowledge(40) == Acknowledgement::accepted);
  CHECK(progress.acknowledge(40) == Acknowledgement::unknown_message);
}

TEST_CASE("acknowledging more records than a message has left counts none of them") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 3) == HandOut::tracked);
  REQUIRE(progress.acknowledge(40, 2) == Acknowledgement::accepted);
  CHECK(progress.acknowledge(40, 2) == Acknowledgement::too_many);
  CHECK(position_of(progress) == PartitionPosition{40, 2});
}

TEST_CASE("the window refuses a message once max_outstanding_messages are awaited") {
  PartitionProgress progress;
  const auto cap = static_cast<int64_t>(PartitionProgress::max_outstanding_messages);
  for (int64_t offset = 0; offset < cap; ++offset) REQUIRE(progress.hand_out(offset, 1) == HandOut::tracked);
  CHECK(progress.full());
  CHECK(progress.hand_out(cap, 1) == HandOut::window_full);
  CHECK(progress.outstanding_messages() == PartitionProgress::max_outstanding_messages);
}

TEST_CASE("acknowledging the first awaited message frees room in a full window") {
  PartitionProgress progress;
  const auto cap = static_cast<int64_t>(PartitionProgress::max_outstanding_messages);
  for (int64_t offset = 0; offset < cap; ++offset) REQUIRE(progress.hand_out(offset, 1) == HandOut::tracked);
  REQUIRE(progress.acknowledge(0) == Acknowledgement::accepted);
  CHECK_FALSE(progress.full());
  CHECK(progress.hand_out(cap, 1) == HandOut::tracked);
}

TEST_CASE("acknowledging a later message does not free room in a full window") {
  PartitionProgress progress;
  const auto cap = static_cast<int64_t>(PartitionProgress::max_outstanding_messages);
  for (int64_t offset = 0; offset < cap; ++offset) REQUIRE(progress.hand_out(offset, 1) == HandOut::tracked);
  REQUIRE(progress.acknowledge(cap - 1) == Acknowledgement::accepted);
  CHECK(progress.full());
}

TEST_CASE("a position differing from the committed one is uncommitted until committed") {
  PartitionProgress progress;
  REQUIRE(progress.hand_out(40, 2) == HandOut::tracked);
  CHECK(progress.has_uncommitted());
  progress.committed(PartitionPosition{40, 0});
  CHECK_FALSE(progress.has_uncommitted());
  REQUIRE(progress.acknowledge(40) == Acknowledgement::accepted);
  CHECK(progress.has_uncommitted());
}

TEST_CASE("the position read as committed on assignment is not uncommitted") {
  PartitionProgress progress;
  progress.committed(PartitionPosition{40, 1});
  REQUIRE(progress.hand_out(40, 3, 1) == HandOut::tracked);
  CHECK_FALSE(progress.has_uncommitted());
}

TEST_CASE("commit metadata is empty when no record of the next message is acknowledged") {
  CHECK(encode_commit_metadata(PartitionPosition{40, 0}).empty());
}

TEST_CASE("commit metadata names the message's offset and its acknowledged records") {
  CHECK(encode_commit_metadata(PartitionPosition{40, 3}) == "defender-stream:1 offset=40 acknowledged=3");
}

TEST_CASE("the largest commit metadata fits Event Hubs' limit") {
  const auto metadata = encode_commit_metadata(PartitionPosition{INT64_MAX, UINT32_MAX});
  CHECK(metadata.size() <= max_commit_metadata_bytes);
  CHECK(records_to_skip(INT64_MAX, metadata) == UINT32_MAX);
}

TEST_CASE("metadata read back with its own offset skips the acknowledged records") {
  CHECK(records_to_skip(40, encode_commit_metadata(PartitionPosition{40, 3})) == 3);
}

TEST_CASE("metadata naming another offset skips nothing") {
  CHECK(records_to_skip(41, encode_commit_metadata(PartitionPosition{40, 3})) == 0);
}

TEST_CASE("empty metadata skips nothing") { CHECK(records_to_skip(40, "") == 0); }

TEST_CASE("metadata written by another program skips nothing") {
  CHECK(records_to_skip(40, "checkpoint 40 3") == 0);
  CHECK(records_to_skip(40, "defender-stream:2 offset=40 acknowledged=3") == 0);
}

TEST_CASE("malformed numbers in the metadata skip nothing") {
  CHECK(records_to_skip(40, "defender-stream:1 offset=40 acknowledged=") == 0);
  CHECK(records_to_skip(40, "defender-stream:1 offset=40 acknowledged=-3") == 0);
  CHECK(records_to_skip(40, "defender-stream:1 offset=40 acknowledged=3x") == 0);
  CHECK(records_to_skip(40, "defender-stream:1 offset=+40 acknowledged=3") == 0);
  CHECK(records_to_skip(40, "defender-stream:1 offset=40") == 0);
}

TEST_CASE("a count beyond 32 bits in the metadata skips nothing") {
  CHECK(records_to_skip(40, "defender-stream:1 offset=40 acknowledged=4294967296") == 0);
}

TEST_CASE("metadata longer than Kafka keeps skips nothing") {
  // Leading zeros keep the number 3: only the length makes it unreadable.
  const std::string metadata =
      "defender-stream:1 offset=40 acknowledged=" + std::string(max_commit_metadata_bytes, '0') + "3";
  CHECK(records_to_skip(40, metadata) == 0);
}
