// An alert version's identity, (id, update time), in 16 bytes: the dedup sets hold many of these.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "instant.h"

namespace defender {

struct VersionKey {
  int64_t ticks = 0;     // the version's update time
  uint64_t id_hash = 0;  // a stable 64-bit hash of the alert id; stored in checkpoints, so it must never change

  bool operator==(const VersionKey &) const = default;
};

// FNV-1a over the id, then a 64-bit finalizer so that similar ids spread over all bits.
// Two versions collide only with the same update time and the same 64-bit hash.
constexpr uint64_t hash_alert_id(std::string_view id) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline VersionKey version_key(std::string_view id, Instant updated) {
  return VersionKey{updated.ticks, hash_alert_id(id)};
}

struct VersionKeyHash {
  size_t operator()(const VersionKey &k) const {
    return k.id_hash ^ static_cast<uint64_t>(k.ticks) * 0x9e3779b97f4a7c15ULL;
  }
};

}  // namespace defender
