#include "apis/siem/siem_window_reader.h"

#include <algorithm>

namespace defender {
namespace {

constexpr int64_t ms = Instant::ticks_per_millisecond;
// A cut-off answer cost a request and its bound's worth of bytes: narrow steeply, so that a dense millisecond deep
// inside a long window is reached in a few requests (the budget counts them); small answers double the span back.
constexpr int64_t cut_off_narrowing = 8;

// Rounded outwards: a range a little wider than asked only brings versions the cursor already knows.
Instant floor_ms(Instant t) { return Instant{floor_div(t.ticks, ms) * ms}; }
Instant ceil_ms(Instant t) { return Instant{-floor_div(-t.ticks, ms) * ms}; }

}  // namespace

SiemWindowReader::SiemWindowReader(Instant from, Instant until, int64_t bound, int64_t &span_ms)
    : position_(floor_ms(from)), until_(ceil_ms(until)), bound_(bound), span_ms_(span_ms) {
  plan_next();
}

void SiemWindowReader::plan_next() {
  request_ = PageRequest{};
  request_.from = position_;
  request_.until = std::min(until_, Instant{position_.ticks + span_ms_ * ms});
}

std::optional<Instant> SiemWindowReader::on_page(const PageSummary &page) {
  if (done()) return std::nullopt;
  const int64_t asked_ms = (request_.until.ticks - request_.from.ticks) / ms;
  const bool whole_span = asked_ms == span_ms_;
  if (page.cut_off) {
    // From the window asked, which the end of the range may have made shorter than the span.
    span_ms_ = std::max<int64_t>(1, asked_ms / cut_off_narrowing);
    plan_next();
    return std::nullopt;
  }
  if (static_cast<int64_t>(page.served) > bound_)
    span_ms_ = std::max<int64_t>(1, span_ms_ / 2);
  else if (whole_span && static_cast<int64_t>(page.served) * 2 < bound_)
    span_ms_ = std::min(max_span_ms, span_ms_ * 2);
  position_ = request_.until;
  plan_next();
  return position_;
}

}  // namespace defender
