// The cursor's persisted form: versioned, self-checking bytes.
//
// The glue keeps two copies and overwrites the older one, so a write torn by kill -9 leaves the other intact;
// the generation number says which copy is newer and the checksum says whether a copy is whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cursor/checkpoint_identity.h"
#include "cursor/cursor.h"

namespace defender {

// 2 added the identity; 1 is still read, as a checkpoint of unknown identity.
inline constexpr uint32_t checkpoint_format_version = 2;

struct Checkpoint {
  uint64_t generation = 0;
  std::optional<CheckpointIdentity> identity;  // always written; unknown in a format 1 checkpoint
  CursorState state;
};

void encode_checkpoint(const Checkpoint &checkpoint, std::string &out);

// Nothing when the bytes are not a whole checkpoint of a format this release reads.
std::optional<Checkpoint> decode_checkpoint(std::string_view bytes);

}  // namespace defender
