// Reads one time window of alert versions page by page without offsets over a moving set
// (reference/cursor-notes.md, "Paging without offsets").
//
// A full page sorted by update time completes everything before its newest time T; the next page starts at T
// (the versions at T already emitted are skipped by the cursor). A page that is all one instant is a tie larger
// than a page: that instant alone is read by offset until a short page, then again from the start until a pass
// finds nothing new, so what moved while paging is caught. A full page that is not sorted splits the window in
// halves. The reader only decides what to ask next; it holds no alerts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "instant.h"

namespace defender {

struct PageRequest {
  Instant from;   // update time >= from
  Instant until;  // update time < until (unused for a single instant)
  bool single_instant = false;  // update time == from
  int64_t skip = 0;
  int64_t top = 0;
  std::string next_link;  // inside a single instant: the server's own continuation, when it gave one
};

struct PageSummary {
  size_t served = 0;           // alerts in the page, readable or not
  std::vector<Instant> times;  // update times of the readable ones, in the order served
  bool more = false;           // the server announced a continuation
  std::string next_link;
  size_t new_versions = 0;     // versions not emitted before
};

class WindowReader {
 public:
  // Passes over one instant before giving up on a tie that never settles.
  static constexpr int max_tie_passes = 8;

  WindowReader(Instant from, Instant until, int64_t page_size);

  const PageRequest &request() const { return request_; }
  bool done() const { return windows_.empty(); }

  // Returns the instant before which every version has now been read, when that moved.
  std::optional<Instant> on_page(const PageSummary &page);

 private:
  struct Window {
    Instant from, until;
  };
  void plan_next();
  std::optional<Instant> finish_tie();

  int64_t page_size_;
  std::vector<Window> windows_;  // back() is read first; lower halves sit above upper halves
  std::optional<Instant> tie_;
  int tie_pass_ = 0;
  bool tie_pass_found_new_ = false;
  PageRequest request_;
};

}  // namespace defender
