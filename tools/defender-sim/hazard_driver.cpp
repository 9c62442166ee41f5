#include "hazard_driver.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>

namespace sim {
namespace {

constexpr auto kTick = std::chrono::milliseconds(20);

// Accumulates a rate into whole groups; what a quiet second did not use is not saved up for a burst.
class Credit {
 public:
  std::size_t take(double rate, double seconds, std::size_t group) {
    if (rate <= 0) {
      credit_ = 0;
      return 0;
    }
    credit_ = std::min(credit_ + rate * seconds, std::max(rate, static_cast<double>(group)));
    const auto groups = static_cast<std::size_t>(credit_ / static_cast<double>(group));
    credit_ -= static_cast<double>(groups * group);
    return groups * group;
  }

 private:
  double credit_ = 0;
};

}  // namespace

HazardDriver::HazardDriver(AlertFeed &feed, AlertStore &store, IncidentStore &incidents, const IncidentBook &book,
                           const HazardSettings &hazards, ServedCursor &cursor)
    : feed_(feed),
      store_(store),
      incidents_(incidents),
      book_(book),
      hazards_(hazards),
      cursor_(cursor),
      thread_([this](const std::stop_token &stop) { run(stop); }) {}

void HazardDriver::run(const std::stop_token &stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  Credit feed_credit;
  Credit mutation_credit;
  Credit incident_update_credit;
  Credit merge_credit;
  Rng rng(entropy_rng().next());
  auto last = std::chrono::steady_clock::now();
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, kTick, [] { return false; });
    }
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    try {
      store_.publish_due(now_ticks());
      incidents_.publish_due(now_ticks());
      const Hazards h = hazards_.get();
      if (const std::size_t n = feed_credit.take(h.feed_rate, seconds, h.tie_size)) feed_.create_now(n, h.tie_size);
      if (const std::size_t n = mutation_credit.take(h.mutation_rate, seconds, h.tie_size)) {
        const std::vector<std::string> ids =
            h.mutation_target == MutationTarget::Random
                ? store_.random_ids(rng, n)
                : cursor_.take(std::nullopt, h.mutation_target == MutationTarget::Served, n);
        feed_.update_now(ids, h.tie_size);
      }
      if (const std::size_t n = incident_update_credit.take(h.incident_update_rate, seconds, h.tie_size))
        feed_.update_incidents(book_.random_updatable(rng, n), h.tie_size);
      if (const std::size_t n = merge_credit.take(h.incident_merge_rate, seconds, 1))
        feed_.merge_incidents(book_.random_merges(rng, n));
    } catch (const std::exception &e) {
      std::fprintf(stderr, "defender-sim: hazard driver: %s\n", e.what());
    }
  }
}

}  // namespace sim
