#pragma once

#include <cstddef>
#include <cstdint>

#include "alert_model.h"

namespace sim {

// The `number`-th update (from 0) of alert `index`, made at `at`: what analysts and automation do to an alert —
// a new one is taken into work and assigned, one in progress is resolved with a verdict, a resolved one is
// reassigned for review — and often a comment. Deterministic per (seed, index, number), so that any version can be
// rebuilt from its alert's history.
void apply_update(Alert &alert, std::uint64_t seed, std::uint64_t index, std::size_t number, Ticks at);

}  // namespace sim
