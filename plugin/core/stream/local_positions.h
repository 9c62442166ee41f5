// What this collector acknowledged, per partition, kept in syslog-ng's persist file on every acknowledgement: after
// kill -9 the consumer group holds only the last commit (at most 250 ms old), and a collector that gets a partition
// back continues from whichever is further, its own record or the group's. So a restart sends again only what was
// not acknowledged.
//
// The glue keeps the bytes opaque, in two slots of slot_bytes each, and writes each snapshot to the slot it is told:
// a write torn by kill -9 leaves the other slot whole, and the newest whole slot is read back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stream/partition_progress.h"

namespace defender {

struct LocalPosition {
  uint32_t hub_hash = 0;  // hub_hash() of the hub's name: a hub dropped from the configuration matches nothing
  int32_t partition = 0;
  PartitionPosition position;
  bool operator==(const LocalPosition &) const = default;
};

// The most partitions one slot holds; those beyond rely on the group's commits alone.
inline constexpr size_t max_local_positions = 192;
inline constexpr size_t local_slot_header_bytes = 20;
inline constexpr size_t local_position_bytes = 20;
inline constexpr size_t local_slot_bytes = local_slot_header_bytes + max_local_positions * local_position_bytes;

uint32_t hub_hash(std::string_view hub);

// One slot: the positions (at most max_local_positions of them) and the snapshot's generation.
std::string encode_local_positions(const std::vector<LocalPosition> &positions, uint64_t generation);

struct LocalSnapshot {
  uint64_t generation = 0;
  std::vector<LocalPosition> positions;
};

// The newest whole slot of the two in `entry` (2 * local_slot_bytes, or less: what is missing is no slot), or nothing
// when neither is whole.
std::optional<LocalSnapshot> decode_local_positions(std::string_view entry);

}  // namespace defender
