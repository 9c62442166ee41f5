// The persist file's record of what a stream source acknowledged, per partition: two slots, the newest whole one
// read back, a torn or foreign slot never read.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stream/local_positions.h"

using namespace defender;

namespace {

const std::vector<LocalPosition> three{
    {hub_hash("hub-a"), 0, {120, 0}}, {hub_hash("hub-a"), 1, {77, 31}}, {hub_hash("hub-b"), 0, {5, 2}}};

// Both slots of an entry, as the glue keeps them.
std::string entry(const std::string &first, const std::string &second) {
  std::string bytes(2 * local_slot_bytes, '\0');
  bytes.replace(0, first.size(), first);
  bytes.replace(local_slot_bytes, second.size(), second);
  return bytes;
}

}  // namespace

TEST_CASE("positions written to a slot read back as written, with their generation") {
  const auto read = decode_local_positions(entry(encode_local_positions(three, 7), ""));
  REQUIRE(read);
  CHECK(read->generation == 7);
  CHECK(read->positions == three);
}

TEST_CASE("of two whole slots the newer generation is read") {
  const std::vector<LocalPosition> older{{hub_hash("hub-a"), 0, {100, 0}}};
  CHECK(decode_local_positions(entry(encode_local_positions(older, 8), encode_local_positions(three, 9)))->positions ==
        three);
  CHECK(
      decode_local_positions(entry(encode_local_positions(three, 11), encode_local_positions(older, 10)))->positions ==
      three);
}

TEST_CASE("a slot torn by a crash is passed over for the other") {
  const std::vector<LocalPosition> older{{hub_hash("hub-a"), 0, {100, 0}}};
  std::string newer = encode_local_positions(three, 12);
  newer[local_slot_header_bytes + 9] ^= 0x40;  // one byte of an offset not written through
  const auto read = decode_local_positions(entry(newer, encode_local_positions(older, 11)));
  REQUIRE(read);
  CHECK(read->generation == 11);
  CHECK(read->positions == older);
}

TEST_CASE("an entry never written, or too short, holds no positions") {
  CHECK_FALSE(decode_local_positions(std::string(2 * local_slot_bytes, '\0')));
  CHECK_FALSE(decode_local_positions(""));
  CHECK_FALSE(decode_local_positions(encode_local_positions(three, 3).substr(0, 30)));
}

TEST_CASE("a slot keeps at most max_local_positions partitions") {
  std::vector<LocalPosition> many;
  for (int32_t p = 0; p < 300; ++p) many.push_back({hub_hash("hub"), p, {p * 10, 0}});
  const std::string slot = encode_local_positions(many, 1);
  CHECK(slot.size() == local_slot_bytes);
  const auto read = decode_local_positions(entry(slot, ""));
  REQUIRE(read);
  CHECK(read->positions.size() == max_local_positions);
  CHECK(read->positions.back().partition == static_cast<int32_t>(max_local_positions) - 1);
}
