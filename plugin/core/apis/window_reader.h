// Reads one time window of alert versions page by page without offsets over a moving set
// (docs/architecture.md, "Paging without loss"; docs/delivery-hazards.md, "Offset paging over a moving set").
//
// A full page sorted by update time completes everything before its newest time T; the next page starts at T
// (the versions at T already emitted are skipped by the cursor). A page that is all one instant is a tie larger
// than a page: that instant alone is read by offset until a short page, then again from the start until a pass
// finds nothing new, so what moved while paging is caught. A full page that is not sorted splits the window at the
// page's median time (or around its one instant); so does every full page of a server that promises no order. The
// reader only decides what to ask next; it holds no alerts.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "apis/window_plan.h"

namespace defender {

class WindowReader final : public WindowPlan {
 public:
  // Passes over one instant before giving up on a tie that never settles.
  static constexpr int max_tie_passes = 8;

  // ordered: the server sorts by the paging time ascending, so a full sorted page completes what lies before its
  // newest time. Without that promise a full page is always split.
  WindowReader(Instant from, Instant until, int64_t page_size, bool ordered = true);

  const PageRequest &request() const override { return request_; }
  bool done() const override { return windows_.empty(); }
  std::optional<Instant> on_page(const PageSummary &page) override;

 private:
  struct Window {
    Instant from, until;
  };
  void plan_next();
  // Replaces the current window with parts that each hold fewer versions than a full page did.
  void split(std::vector<Instant> times);
  std::optional<Instant> finish_tie();

  int64_t page_size_;
  bool ordered_;
  std::vector<Window> windows_;  // back() is read first; lower halves sit above upper halves
  std::optional<Instant> tie_;
  int tie_pass_ = 0;
  bool tie_pass_found_new_ = false;
  PageRequest request_;
};

}  // namespace defender
