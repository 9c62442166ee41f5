#include "window_reader.h"

#include <algorithm>

namespace defender {

WindowReader::WindowReader(Instant from, Instant until, int64_t page_size) : page_size_(page_size) {
  if (from < until) windows_.push_back({from, until});
  plan_next();
}

void WindowReader::plan_next() {
  if (windows_.empty()) return;
  if (tie_) {
    request_.from = *tie_;
    request_.single_instant = true;
  } else {
    request_ = PageRequest{};
    request_.from = windows_.back().from;
    request_.until = windows_.back().until;
  }
  request_.top = page_size_;
}

std::optional<Instant> WindowReader::finish_tie() {
  const Instant after = tie_->next_tick();
  tie_.reset();
  Window &w = windows_.back();
  w.from = after;
  if (!(w.from < w.until)) windows_.pop_back();
  plan_next();
  return after;
}

std::optional<Instant> WindowReader::on_page(const PageSummary &page) {
  if (windows_.empty()) return std::nullopt;
  const bool full = page.more || static_cast<int64_t>(page.served) >= page_size_;

  if (tie_) {
    tie_pass_found_new_ = tie_pass_found_new_ || page.new_versions > 0;
    if (full) {
      request_.skip += static_cast<int64_t>(page.served);
      request_.next_link = page.next_link;
      return std::nullopt;
    }
    if (tie_pass_found_new_ && ++tie_pass_ < max_tie_passes) {
      tie_pass_found_new_ = false;
      request_.skip = 0;
      request_.next_link.clear();
      return std::nullopt;
    }
    return finish_tie();
  }

  Window &w = windows_.back();
  if (!full) {
    const Instant complete = w.until;
    windows_.pop_back();
    plan_next();
    return complete;
  }

  const bool sorted = std::is_sorted(page.times.begin(), page.times.end());
  if (sorted && !page.times.empty() && w.from < page.times.back()) {
    w.from = page.times.back();
    plan_next();
    return w.from;
  }
  if (!sorted && w.until.ticks - w.from.ticks > 1) {
    const Instant middle{w.from.ticks + (w.until.ticks - w.from.ticks) / 2};
    const Window lower{w.from, middle};
    w.from = middle;
    windows_.push_back(lower);
    plan_next();
    return std::nullopt;
  }
  // A full page of one instant (or an unsorted page of a window one tick wide): a tie larger than a page.
  tie_ = w.from;
  tie_pass_ = 0;
  tie_pass_found_new_ = false;
  plan_next();
  request_.skip = 0;
  request_.next_link.clear();
  return std::nullopt;
}

}  // namespace defender
