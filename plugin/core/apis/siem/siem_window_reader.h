// Reads one time window of the legacy SIEM API (docs/delivery-hazards.md, "The SIEM API's window and limit"). The API
// answers a [sinceTimeUtc, untilTimeUtc] range on LastProcessedTimeUtc with one bare array, no paging and no limit that
// keeps the oldest: so the window is read in sub-windows whose length adapts to the answers. An answer larger than the
// bound halves the next sub-window, one under half of it doubles the next; a cut-off answer is asked again over an
// eighth of the length asked. The API's times have millisecond resolution, so a sub-window is never shorter than a
// millisecond: versions that share one millisecond beyond the bound are read whole.
#pragma once

#include <cstdint>

#include "apis/window_plan.h"

namespace defender {

class SiemWindowReader final : public WindowPlan {
 public:
  static constexpr int64_t initial_span_ms = 3'600'000;
  static constexpr int64_t max_span_ms = 86'400'000;

  // span_ms: the sub-window length, kept by the caller from window to window.
  SiemWindowReader(Instant from, Instant until, int64_t bound, int64_t &span_ms);

  const PageRequest &request() const override { return request_; }
  bool done() const override { return !(position_ < until_); }
  std::optional<Instant> on_page(const PageSummary &page) override;

 private:
  void plan_next();

  Instant position_;  // millisecond-aligned
  Instant until_;     // millisecond-aligned
  int64_t bound_;
  int64_t &span_ms_;
  PageRequest request_;
};

}  // namespace defender
