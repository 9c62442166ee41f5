#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace sim {

// The expand-alerts fault: the incidents API answers a request with $expand=alerts with 500 when its page would hold
// more than `limit` incidents, and every such request when the limit is 0 — as Graph has been seen to fail on
// tenants with large incidents, so that a client's way around it (asking without $expand) can be tested.
class ExpandAlertsFault {
 public:
  void set(std::optional<std::size_t> limit) { limit_ = limit ? static_cast<std::int64_t>(*limit) : kOff; }

  std::optional<std::size_t> limit() const {
    const std::int64_t limit = limit_;
    return limit == kOff ? std::nullopt : std::optional{static_cast<std::size_t>(limit)};
  }

  bool hits(std::size_t incidents) const {
    const auto l = limit();
    return l && (*l == 0 || incidents > *l);
  }

 private:
  static constexpr std::int64_t kOff = -1;
  std::atomic<std::int64_t> limit_{kOff};
};

}  // namespace sim
