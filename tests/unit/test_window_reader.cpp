// Paging without offsets: the reader against an in-memory service that answers PageRequests the way the APIs do,
// including ties bigger than a page, updates while paging, and answers in no particular order.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "apis/window_reader.h"

using namespace defender;

namespace {

struct Version {
  std::string id;
  Instant updated;
  bool operator<(const Version &o) const { return std::tie(updated.ticks, id) < std::tie(o.updated.ticks, o.id); }
};

// Holds the newest version of each alert; serves filtered, ordered (or deliberately unordered) pages.
class FakeService {
 public:
  bool sorted = true;

  void put(const std::string &id, Instant updated) { current_[id] = updated; }

  std::vector<Version> answer(const PageRequest &r) const {
    std::vector<Version> matching;
    for (const auto &[id, t] : current_)
      if (r.single_instant ? t == r.from : (r.from <= t && t < r.until)) matching.push_back({id, t});
    std::sort(matching.begin(), matching.end());
    if (!sorted) std::reverse(matching.begin(), matching.end());
    const size_t begin = std::min<size_t>(matching.size(), static_cast<size_t>(r.skip));
    const size_t end = std::min<size_t>(matching.size(), begin + static_cast<size_t>(r.top));
    requests_++;
    return {matching.begin() + static_cast<long>(begin), matching.begin() + static_cast<long>(end)};
  }

  std::set<std::pair<std::string, int64_t>> visible_in(Instant from, Instant until) const {
    std::set<std::pair<std::string, int64_t>> out;
    for (const auto &[id, t] : current_)
      if (from <= t && t < until) out.insert({id, t.ticks});
    return out;
  }

  mutable int requests_ = 0;

 private:
  std::map<std::string, Instant> current_;
};

struct Outcome {
  std::multiset<std::pair<std::string, int64_t>> emitted;
  std::vector<Instant> marks;
};

// Reads one window, emitting each version once (as the poller does with the cursor); `between_pages` runs after
// every page, to change the service while the reader pages.
template <class Hook>
Outcome read_window(FakeService &service, Instant from, Instant until, int64_t page_size, Hook between_pages) {
  Outcome out;
  std::set<std::pair<std::string, int64_t>> seen;
  WindowReader reader(from, until, page_size);
  for (int guard = 0; !reader.done() && guard < 10'000; ++guard) {
    const auto page = service.answer(reader.request());
    PageSummary summary;
    summary.served = page.size();
    for (const auto &v : page) {
      summary.times.push_back(v.updated);
      if (seen.insert({v.id, v.updated.ticks}).second) {
        out.emitted.insert({v.id, v.updated.ticks});
        ++summary.new_versions;
      }
    }
    if (const auto mark = reader.on_page(summary)) out.marks.push_back(*mark);
    between_pages();
  }
  REQUIRE(reader.done());
  return out;
}

Outcome read_window(FakeService &service, Instant from, Instant until, int64_t page_size) {
  return read_window(service, from, until, page_size, [] {});
}

const Instant t0 = Instant::from_seconds(1'800'000'000);

std::string name(int i) { return "alert-" + std::to_string(i); }

}  // namespace

TEST_CASE("an empty window needs one request and completes at its end") {
  FakeService service;
  const Outcome out = read_window(service, t0, t0.plus_seconds(60), 10);
  CHECK(out.emitted.empty());
  CHECK(service.requests_ == 1);
  REQUIRE(out.marks.size() == 1);
  CHECK(out.marks.back() == t0.plus_seconds(60));
}

TEST_CASE("distinct times across several pages: every version once, marks ascending") {
  FakeService service;
  for (int i = 0; i < 95; ++i) service.put(name(i), t0.plus_seconds(i));
  const Outcome out = read_window(service, t0, t0.plus_seconds(100), 10);
  CHECK(out.emitted.size() == 95);
  CHECK(std::set(out.emitted.begin(), out.emitted.end()).size() == 95);
  CHECK(std::is_sorted(out.marks.begin(), out.marks.end()));
  CHECK(out.marks.back() == t0.plus_seconds(100));
}

TEST_CASE("a tie three times the page size across a page boundary: nothing missing, nothing twice") {
  FakeService service;
  for (int i = 0; i < 5; ++i) service.put(name(i), t0.plus_seconds(1));
  for (int i = 5; i < 35; ++i) service.put(name(i), t0.plus_seconds(2));
  for (int i = 35; i < 40; ++i) service.put(name(i), t0.plus_seconds(3));
  const Outcome out = read_window(service, t0, t0.plus_seconds(10), 10);
  CHECK(out.emitted.size() == 40);
  CHECK(std::set(out.emitted.begin(), out.emitted.end()).size() == 40);
}

TEST_CASE("a tie that fills whole pages exactly is read with one settling pass") {
  FakeService service;
  for (int i = 0; i < 30; ++i) service.put(name(i), t0.plus_seconds(5));
  const Outcome out = read_window(service, t0, t0.plus_seconds(10), 10);
  CHECK(out.emitted.size() == 30);
  // The window's first page; the next from the tie's instant; a pass of 3 full pages and an empty one;
  // a settling pass of 4 that finds nothing new; the rest of the window after the tie.
  CHECK(service.requests_ == 1 + 1 + 4 + 4 + 1);
}

TEST_CASE("alerts updated while the tie is paged: the new versions come later, nothing unchanged is skipped") {
  FakeService service;
  for (int i = 0; i < 30; ++i) service.put(name(i), t0.plus_seconds(5));
  int page = 0;
  // After each page, one alert of the tie not read yet moves out of it (as an update does), shifting the rest.
  const Outcome out = read_window(service, t0, t0.plus_seconds(10), 10, [&] {
    ++page;
    if (page <= 3) service.put(name(29 - page), t0.plus_seconds(20));
  });
  const auto expected = service.visible_in(t0, t0.plus_seconds(10));
  for (const auto &v : expected) CHECK(out.emitted.count(v) == 1);
  CHECK(expected.size() == 27);
}

TEST_CASE("updates during paging over distinct times skip nothing that stays in the window") {
  FakeService service;
  for (int i = 0; i < 100; ++i) service.put(name(i), t0.plus_seconds(i));
  int page = 0;
  const Outcome out = read_window(service, t0, t0.plus_seconds(100), 10, [&] {
    // Each page, an alert from the part not read yet is updated to "now" (after the window).
    ++page;
    if (page < 9) service.put(name(99 - page * 3), t0.plus_seconds(500));
  });
  for (const auto &v : service.visible_in(t0, t0.plus_seconds(100))) CHECK(out.emitted.count(v) == 1);
}

TEST_CASE("an answer in no particular order is split until each part fits a page") {
  FakeService service;
  service.sorted = false;
  for (int i = 0; i < 64; ++i) service.put(name(i), t0.plus_seconds(i));
  const Outcome out = read_window(service, t0, t0.plus_seconds(64), 10);
  CHECK(out.emitted.size() == 64);
  CHECK(std::set(out.emitted.begin(), out.emitted.end()).size() == 64);
  CHECK(std::is_sorted(out.marks.begin(), out.marks.end()));
  CHECK(out.marks.back() == t0.plus_seconds(64));
}

TEST_CASE("a tie read in no particular order is still complete") {
  FakeService service;
  service.sorted = false;
  for (int i = 0; i < 25; ++i) service.put(name(i), t0.plus_seconds(3));
  for (int i = 25; i < 40; ++i) service.put(name(i), t0.plus_seconds(i));
  const Outcome out = read_window(service, t0, t0.plus_seconds(50), 10);
  CHECK(std::set(out.emitted.begin(), out.emitted.end()) == service.visible_in(t0, t0.plus_seconds(50)));
}

TEST_CASE("an unordered tie larger than a page in a long window is found in a few requests, not by halving") {
  FakeService service;
  service.sorted = false;
  for (int i = 0; i < 30; ++i) service.put(name(i), t0.plus_seconds(5));
  for (int i = 30; i < 35; ++i) service.put(name(i), t0.plus_seconds(3600 * i / 10));
  const Outcome out = read_window(service, t0, t0.plus_seconds(86400), 10);
  CHECK(std::set(out.emitted.begin(), out.emitted.end()) == service.visible_in(t0, t0.plus_seconds(86400)));
  CHECK(out.emitted.size() == 35);
  // Halving a day down to one 100 ns tick would take about 40 requests.
  CHECK(service.requests_ <= 16);
}

TEST_CASE("unordered pages of versions crowded into a corner of the window split where the versions are") {
  FakeService service;
  service.sorted = false;
  for (int i = 0; i < 100; ++i) service.put(name(i), Instant{t0.ticks + i * 1000});
  const Outcome out = read_window(service, t0, t0.plus_seconds(86400), 40);
  CHECK(out.emitted.size() == 100);
  CHECK(service.requests_ <= 12);
}

TEST_CASE("the first request asks for the whole window, ordered, one page") {
  WindowReader reader(t0, t0.plus_seconds(60), 1000);
  CHECK(reader.request().from == t0);
  CHECK(reader.request().until == t0.plus_seconds(60));
  CHECK_FALSE(reader.request().single_instant);
  CHECK(reader.request().skip == 0);
  CHECK(reader.request().top == 1000);
}

TEST_CASE("a full page continues from its newest time, which becomes the mark") {
  WindowReader reader(t0, t0.plus_seconds(60), 3);
  PageSummary page;
  page.served = 3;
  page.times = {t0.plus_seconds(1), t0.plus_seconds(2), t0.plus_seconds(4)};
  page.new_versions = 3;
  CHECK(reader.on_page(page) == t0.plus_seconds(4));
  CHECK(reader.request().from == t0.plus_seconds(4));
}

TEST_CASE("a page with fewer alerts than asked for but a continuation link is not the last") {
  WindowReader reader(t0, t0.plus_seconds(60), 10);
  PageSummary page;
  page.served = 2;
  page.times = {t0.plus_seconds(1), t0.plus_seconds(2)};
  page.more = true;
  page.next_link = "https://graph/next";
  CHECK(reader.on_page(page) == t0.plus_seconds(2));
  CHECK_FALSE(reader.done());
}

TEST_CASE("inside a tie the server's continuation link is followed") {
  WindowReader reader(t0, t0.plus_seconds(60), 2);
  PageSummary tie;
  tie.served = 2;
  tie.times = {t0, t0};
  tie.new_versions = 2;
  reader.on_page(tie);
  CHECK(reader.request().single_instant);
  tie.next_link = "https://graph/next?$skiptoken=x";
  tie.more = true;
  reader.on_page(tie);
  CHECK(reader.request().next_link == "https://graph/next?$skiptoken=x");
  CHECK(reader.request().skip == 2);
}

TEST_CASE("alerts that cannot be read still count towards a full page") {
  WindowReader reader(t0, t0.plus_seconds(60), 3);
  PageSummary page;
  page.served = 3;
  page.times = {t0.plus_seconds(1), t0.plus_seconds(2)};
  CHECK(reader.on_page(page) == t0.plus_seconds(2));
  CHECK_FALSE(reader.done());
}
