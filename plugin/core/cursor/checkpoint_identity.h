// Whose a checkpoint is: the options that decide which alert versions a source reads and names them by. A
// checkpoint restored under another identity (persist-name() reused for another tenant, emit-updates() or filter()
// changed) describes a different stream of versions, so its position and its sent versions would skip or repeat.
#pragma once

#include <cstdint>
#include <string>

#include "config/options.h"

namespace defender {

// Stable hashes: they are persisted, so the way they are computed never changes.
struct CheckpointIdentity {
  uint64_t tenant = 0;     // tenant-id(), case-insensitive
  uint64_t api = 0;        // api()
  uint64_t paging = 0;     // emit-updates(): versions by update time, or alerts by creation time
  uint64_t selection = 0;  // filter() and machine-groups()

  bool operator==(const CheckpointIdentity &) const = default;
};

CheckpointIdentity checkpoint_identity(const Options &options);

// The options that differ, for the log: "tenant-id(), filter()". Empty when the identities are equal.
std::string identity_difference(const CheckpointIdentity &stored, const CheckpointIdentity &configured);

}  // namespace defender
