// The SIEM API's windows: sub-windows that halve while answers are larger than the bound and grow while they are
// small, millisecond-aligned bounds, cut-off answers asked again narrower, ties at one millisecond read whole.
#include <doctest/doctest.h>

#include <map>
#include <vector>

#include "apis/siem/siem_window_reader.h"

using namespace defender;

namespace {

const Instant t0 = Instant::from_seconds(1'800'000'000);
constexpr int64_t ms = Instant::ticks_per_millisecond;

// Records by LastProcessedTimeUtc; answers [from, until] as the API does, whole.
struct FakeSiem {
  std::multimap<int64_t, int> records;
  std::vector<PageRequest> requests;

  PageSummary answer(const PageRequest &r) {
    requests.push_back(r);
    PageSummary page;
    for (auto it = records.lower_bound(r.from.ticks); it != records.end() && it->first <= r.until.ticks; ++it) {
      ++page.served;
      page.times.push_back(Instant{it->first});
    }
    return page;
  }
};

std::vector<Instant> read(FakeSiem &siem, Instant from, Instant until, int64_t bound, int64_t &span) {
  std::vector<Instant> marks;
  SiemWindowReader reader(from, until, bound, span);
  for (int guard = 0; !reader.done() && guard < 10'000; ++guard)
    if (const auto mark = reader.on_page(siem.answer(reader.request()))) marks.push_back(*mark);
  REQUIRE(reader.done());
  return marks;
}

}  // namespace

TEST_CASE("a quiet hour is one request, and the marks end at the window's end") {
  FakeSiem siem;
  int64_t span = SiemWindowReader::initial_span_ms;
  const auto marks = read(siem, t0, t0.plus_seconds(3600), 100, span);
  CHECK(siem.requests.size() == 1);
  CHECK(marks == std::vector<Instant>{t0.plus_seconds(3600)});
  CHECK(siem.requests[0].top == 0);
}

TEST_CASE("bounds are rounded outwards to the API's milliseconds") {
  FakeSiem siem;
  int64_t span = SiemWindowReader::initial_span_ms;
  read(siem, Instant{t0.ticks + 12'345}, Instant{t0.ticks + 10 * Instant::ticks_per_second + 1}, 100, span);
  CHECK(siem.requests[0].from == Instant{t0.ticks + 10'000});
  CHECK(siem.requests[0].until == Instant{t0.ticks + 10 * Instant::ticks_per_second + ms});
}

TEST_CASE("large answers halve the next sub-window, small ones double it, and every record is covered once") {
  FakeSiem siem;
  // One record a second for three hours; then quiet.
  for (int i = 0; i < 3 * 3600; ++i) siem.records.emplace(t0.plus_seconds(i).ticks, i);
  int64_t span = SiemWindowReader::initial_span_ms;
  read(siem, t0, t0.plus_seconds(2 * 86400), 500, span);

  // The first sub-window is the hour (3,600 > 500): the next is half an hour (1,800), a quarter (900), an eighth
  // (450, within the bound and not under half of it, so it stays).
  const auto length_ms = [&](size_t i) { return (siem.requests[i].until.ticks - siem.requests[i].from.ticks) / ms; };
  CHECK(length_ms(1) == 1'800'000);
  CHECK(length_ms(2) == 900'000);
  CHECK(length_ms(3) == 450'000);
  CHECK(length_ms(4) == 450'000);
  // Sub-windows tile the window without gaps.
  for (size_t i = 1; i < siem.requests.size(); ++i) CHECK(siem.requests[i].from == siem.requests[i - 1].until);
  CHECK(siem.requests.back().until == t0.plus_seconds(2 * 86400));
  // Once quiet, the span grows back to a day.
  CHECK(span == SiemWindowReader::max_span_ms);
  CHECK(siem.requests.size() < 40);
}

TEST_CASE("a tie at one millisecond bigger than the bound is read whole, and the reader moves on") {
  FakeSiem siem;
  for (int i = 0; i < 50; ++i) siem.records.emplace(t0.plus_seconds(10).ticks, i);
  int64_t span = 1;
  const auto marks = read(siem, t0.plus_seconds(10), t0.plus_seconds(10).next_tick(), 10, span);
  REQUIRE(siem.requests.size() == 1);
  CHECK(siem.requests[0].until.ticks - siem.requests[0].from.ticks == ms);
  CHECK(span == 1);
  CHECK(marks.back() == Instant{t0.plus_seconds(10).ticks + ms});
}

TEST_CASE("a cut-off answer is asked again over an eighth of the sub-window, without a mark") {
  int64_t span = 80'000;
  SiemWindowReader reader(t0, t0.plus_seconds(600), 1000, span);
  PageSummary cut;
  cut.served = 10;
  cut.cut_off = true;
  CHECK_FALSE(reader.on_page(cut));
  CHECK(reader.request().from == t0);
  CHECK(reader.request().until == t0.plus_seconds(10));
  CHECK(span == 10'000);
}

TEST_CASE("a cut-off answer narrows from the window asked when the range's end made it shorter than the span") {
  int64_t span = SiemWindowReader::max_span_ms;
  SiemWindowReader reader(t0, t0.plus_seconds(16), 1000, span);
  REQUIRE(reader.request().until == t0.plus_seconds(16));
  PageSummary cut;
  cut.cut_off = true;
  CHECK_FALSE(reader.on_page(cut));
  CHECK(reader.request().until == t0.plus_seconds(2));
  CHECK(span == 2'000);
}
