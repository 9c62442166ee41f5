#include "apis/window_reader.h"

#include <algorithm>

namespace defender {

WindowReader::WindowReader(Instant from, Instant until, int64_t page_size, bool ordered)
    : page_size_(page_size), ordered_(ordered) {
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

void WindowReader::split(std::vector<Instant> times) {
  const Window whole = windows_.back();
  windows_.pop_back();
  const auto push = [&](Instant from, Instant until) {
    if (from < until) windows_.push_back({from, until});
  };
  std::sort(times.begin(), times.end());
  const auto inside = [&](Instant t) { return whole.from < t && t < whole.until; };
  // A full page of one instant is a tie larger than a page: that instant alone, then either side of it, costs a few
  // requests where halving the window down to it would cost dozens.
  if (!times.empty() && times.front() == times.back() && (inside(times.front()) || times.front() == whole.from)) {
    const Instant tie = times.front();
    push(tie.next_tick(), whole.until);
    push(tie, tie.next_tick());
    push(whole.from, tie);
    return;
  }
  // Otherwise at the page's median: where the versions are dense, not where the clock is halfway.
  Instant middle = times.empty() ? Instant{} : times[times.size() / 2];
  if (!inside(middle)) middle = Instant{whole.from.ticks + (whole.until.ticks - whole.from.ticks) / 2};
  push(middle, whole.until);
  push(whole.from, middle);
}

std::optional<Instant> WindowReader::on_page(const PageSummary &page) {
  if (windows_.empty()) return std::nullopt;
  const bool full = page.more || page.cut_off || static_cast<int64_t>(page.served) >= page_size_;

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

  const bool sorted = ordered_ && std::is_sorted(page.times.begin(), page.times.end());
  if (sorted && !page.times.empty() && w.from < page.times.back()) {
    w.from = page.times.back();
    plan_next();
    return w.from;
  }
  if (!sorted && w.until.ticks - w.from.ticks > 1) {
    split(page.times);
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
