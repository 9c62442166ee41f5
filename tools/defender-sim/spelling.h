#pragma once

#include <string_view>

namespace sim {

// One enum value as an API spells it and as the store keeps it (Graph's camelCase spelling). Graph's own
// spellings are the identity; the Defender for Endpoint APIs write PascalCase (docs/microsoft-apis.md,
// "Defender for Endpoint alerts API").
struct Spelling {
  std::string_view api;
  std::string_view stored;
};

}  // namespace sim
