// The checkpoint's bytes: round trip, versioning, and refusal of anything damaged.
#include <doctest/doctest.h>

#include <zlib.h>

#include "cursor/checkpoint_codec.h"

using namespace defender;

namespace {

Checkpoint sample() {
  Checkpoint c;
  c.generation = 42;
  c.identity = CheckpointIdentity{1, 2, 3, 4};
  c.state.delivered_position = Instant{17'000'000'000'000'000};
  c.state.acked_sequence = 7;
  c.state.next_sequence = 12;
  c.state.marks = {{9, Instant{17'000'000'000'000'500}}, {11, Instant{17'000'000'000'000'900}}};
  c.state.entries = {{{17'000'000'000'000'100, 0x1122334455667788ULL}, 5},
                     {{17'000'000'000'000'200, 0x99aabbccddeeff00ULL}, 10}};
  return c;
}

}  // namespace

TEST_CASE("a checkpoint decodes to exactly what was encoded") {
  std::string bytes;
  encode_checkpoint(sample(), bytes);
  const auto decoded = decode_checkpoint(bytes);
  REQUIRE(decoded);
  CHECK(decoded->generation == 42);
  CHECK(decoded->identity == CheckpointIdentity{1, 2, 3, 4});
  CHECK(decoded->state == sample().state);
}

TEST_CASE("a checkpoint has a fixed size for its content") {
  std::string bytes;
  encode_checkpoint(sample(), bytes);
  // magic 4, version 4, generation 8, identity 4x8, position 8, acked 8, next 8, marks 4 + 2x16, entries 4 + 2x24,
  // checksum 4
  CHECK(bytes.size() == 4 + 4 + 8 + 32 + 8 + 8 + 8 + 4 + 32 + 4 + 48 + 4);
}

TEST_CASE("bytes after a checkpoint are ignored, as the rest of a larger persist entry") {
  std::string bytes;
  encode_checkpoint(sample(), bytes);
  bytes.append(100, '\xAB');
  CHECK(decode_checkpoint(bytes));
}

TEST_CASE("a checkpoint with any byte changed is refused") {
  std::string bytes;
  encode_checkpoint(sample(), bytes);
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    CHECK_FALSE(decode_checkpoint(damaged));
  }
}

TEST_CASE("a checkpoint cut short at any length is refused") {
  std::string bytes;
  encode_checkpoint(sample(), bytes);
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(decode_checkpoint(std::string_view(bytes).substr(0, n)));
}

TEST_CASE("a checkpoint of a newer format version is refused") {
  std::string bytes;
  encode_checkpoint(sample(), bytes);
  bytes[4] = 3;
  CHECK_FALSE(decode_checkpoint(bytes));
}

TEST_CASE("a format 1 checkpoint, written before identities, is read with an unknown identity") {
  std::string bytes;
  encode_checkpoint(sample(), bytes);
  // Format 1 is format 2 without the 32 identity bytes after the generation.
  std::string v1 = bytes.substr(0, 16) + bytes.substr(48, bytes.size() - 48 - 4);
  v1[4] = 1;
  const uint32_t sum = static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef *>(v1.data()), v1.size()));
  for (int i = 0; i < 4; ++i) v1.push_back(static_cast<char>((sum >> (8 * i)) & 0xff));
  const auto decoded = decode_checkpoint(v1);
  REQUIRE(decoded);
  CHECK_FALSE(decoded->identity.has_value());
  CHECK(decoded->generation == 42);
  CHECK(decoded->state == sample().state);
}
