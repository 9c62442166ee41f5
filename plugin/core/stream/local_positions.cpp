#include "stream/local_positions.h"

#include <algorithm>
#include <cstring>

namespace defender {
namespace {

constexpr uint32_t slot_magic = 0x50415344;  // "DSAP"

uint32_t fnv1a(std::string_view bytes) {
  uint32_t hash = 2166136261u;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

template <class T>
void put(std::string &out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <class T>
T get(std::string_view bytes, size_t at) {
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof(T));
  return value;
}

std::optional<LocalSnapshot> decode_slot(std::string_view slot) {
  if (slot.size() < local_slot_header_bytes || get<uint32_t>(slot, 0) != slot_magic) return std::nullopt;
  const auto count = get<uint32_t>(slot, 4);
  if (count > max_local_positions) return std::nullopt;
  const size_t end = local_slot_header_bytes + count * local_position_bytes;
  if (end > slot.size()) return std::nullopt;
  // The checksum covers the generation, the count and the positions: a torn write does not pass.
  const std::string_view covered(slot.data() + 4, 12);
  const std::string_view positions(slot.data() + local_slot_header_bytes, end - local_slot_header_bytes);
  if (get<uint32_t>(slot, 16) != (fnv1a(covered) ^ fnv1a(positions))) return std::nullopt;
  LocalSnapshot snapshot{get<uint64_t>(slot, 8), {}};
  for (size_t at = local_slot_header_bytes; at < end; at += local_position_bytes)
    snapshot.positions.push_back(
        LocalPosition{get<uint32_t>(slot, at), get<int32_t>(slot, at + 4),
                      PartitionPosition{get<int64_t>(slot, at + 8), get<uint32_t>(slot, at + 16)}});
  return snapshot;
}

}  // namespace

uint32_t hub_hash(std::string_view hub) { return fnv1a(hub); }

std::string encode_local_positions(const std::vector<LocalPosition> &positions, uint64_t generation) {
  const auto count = static_cast<uint32_t>(std::min(positions.size(), max_local_positions));
  std::string body;
  for (uint32_t i = 0; i < count; ++i) {
    put(body, positions[i].hub_hash);
    put(body, positions[i].partition);
    put(body, positions[i].position.offset);
    put(body, positions[i].position.acknowledged_records);
  }
  std::string header;
  put(header, slot_magic);
  put(header, count);
  put(header, generation);
  put(header, fnv1a(std::string_view(header).substr(4)) ^ fnv1a(body));
  return header + body;
}

std::optional<LocalSnapshot> decode_local_positions(std::string_view entry) {
  const auto first = decode_slot(entry.substr(0, std::min(entry.size(), local_slot_bytes)));
  const auto second =
      entry.size() > local_slot_bytes ? decode_slot(entry.substr(local_slot_bytes, local_slot_bytes)) : std::nullopt;
  if (first && second) return first->generation >= second->generation ? first : second;
  return first ? first : second;
}

}  // namespace defender
