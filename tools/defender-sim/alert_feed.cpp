#include "alert_feed.h"

#include <atomic>
#include <stdexcept>
#include <thread>

namespace sim {

AlertFeed::AlertFeed(GeneratorConfig config, AlertStore& store)
    : config_(std::move(config)), store_(store), precision_rng_(mix_seed(config_.seed, 0xFEEDULL)) {}

VersionPtr AlertFeed::make(std::uint64_t index, Ticks last_update, AlertAge age) {
  return std::make_shared<const AlertVersion>(make_version(generate_alert(config_, index, last_update, age), index));
}

void AlertFeed::seed_history(std::size_t count, Ticks start, std::int64_t history_seconds) {
  std::vector<VersionPtr> versions(count);
  // Rendering 100,000 alerts takes seconds on one core; the alerts are independent, so use them all.
  const std::size_t workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::atomic<bool> failed{false};
  std::vector<std::jthread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (std::size_t i = w; i < count; i += workers)
          versions[i] = make(i, initial_update_time(config_.seed, i, start, history_seconds), AlertAge::History);
      } catch (...) {
        failed = true;
      }
    });
  }
  threads.clear();  // joins
  if (failed) throw std::runtime_error("generating the initial alerts failed");
  const std::lock_guard lock(mutex_);
  next_index_ = count;
  store_.add(std::move(versions), start);
}

std::vector<VersionPtr> AlertFeed::create_now(std::size_t count) {
  std::vector<VersionPtr> versions;
  versions.reserve(count);
  const std::lock_guard lock(mutex_);
  const Ticks now = now_ticks();
  for (std::size_t i = 0; i < count; ++i) {
    Ticks t = random_precision(precision_rng_, now);
    if (t <= last_assigned_) t = last_assigned_ + 1;
    last_assigned_ = t;
    VersionPtr v = make(next_index_++, t, AlertAge::JustCreated);
    // Ids come from 64 random bits per alert; a clash would silently replace an alert, so skip that index.
    while (store_.contains(v->id)) v = make(next_index_++, t, AlertAge::JustCreated);
    versions.push_back(std::move(v));
  }
  store_.add(versions, now);
  return versions;
}

}  // namespace sim
