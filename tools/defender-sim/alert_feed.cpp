#include "alert_feed.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

namespace sim {

AlertFeed::AlertFeed(GeneratorConfig config, AlertStore &store, IncidentBook &incidents, const HazardSettings &hazards)
    : config_(std::move(config)),
      store_(store),
      incidents_(incidents),
      hazards_(hazards),
      rng_(mix_seed(config_.seed, 0xFEEDULL)) {}

VersionPtr AlertFeed::make(Lifecycle life) const {
  const Alert alert = build_alert(config_, life);
  return std::make_shared<const AlertVersion>(make_version(alert, std::move(life), config_.seed));
}

bool AlertFeed::hostile(std::uint64_t index, double rate) const {
  return rate > 0 && Rng(mix_seed(config_.seed ^ 0x4057113EULL, index)).below(1'000'000) < rate * 1'000'000;
}

void AlertFeed::seed_history(std::size_t count, Ticks start, std::int64_t history_seconds) {
  const Hazards h = hazards_.get();
  std::vector<Scheduled> versions(count);
  // Rendering 100,000 alerts takes seconds on one core; the alerts are independent, so use them all.
  const std::size_t workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::atomic<bool> failed{false};
  std::vector<std::jthread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (std::size_t i = w; i < count; i += workers) {
          const std::uint64_t group_first = i / h.tie_size * h.tie_size;
          const Ticks t = initial_update_time(config_.seed, group_first, start, history_seconds);
          versions[i] = {make(Lifecycle{i, AlertAge::History, t, hostile(i, h.hostile_rate), {}, {}, {}}), start};
        }
      } catch (...) {
        failed = true;
      }
    });
  }
  threads.clear();  // joins
  if (failed) throw std::runtime_error("generating the initial alerts failed");
  const std::lock_guard lock(mutex_);
  next_index_ = count;
  incidents_.open_history(versions);
  store_.add(std::move(versions));
}

Ticks AlertFeed::next_group_time() {
  Ticks t = random_precision(rng_, now_ticks());
  if (t <= last_assigned_) t = last_assigned_ + 1;
  last_assigned_ = t;
  return t;
}

Ticks AlertFeed::visible_at(Ticks t, const Hazards &h) {
  const auto delay = static_cast<Ticks>(h.ingestion_delay * kTicksPerSecond);
  if (delay == 0) return t;
  return t + (h.ingestion_delay_mode == DelayMode::Fixed ? delay : rng_.between(0, delay));
}

std::vector<Scheduled> AlertFeed::create_now(std::size_t count, std::size_t tie) {
  const Hazards h = hazards_.get();
  std::vector<Scheduled> versions;
  versions.reserve(count);
  const std::lock_guard lock(mutex_);
  Ticks t = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (i % tie == 0) t = next_group_time();
    VersionPtr v;
    // Ids come from 64 random bits per alert; a clash would silently replace an alert, so skip that index.
    do {
      const std::uint64_t index = next_index_++;
      Lifecycle life{index, AlertAge::JustCreated, t, hostile(index, h.hostile_rate), {}, {}, {}};
      if (std::string incident = incidents_.route(incident_of(index)); incident != incident_of(index))
        life.incident = std::move(incident);
      v = make(std::move(life));
    } while (store_.latest(v->id));
    versions.push_back({std::move(v), visible_at(t, h)});
  }
  store_.add(versions);
  incidents_.join(versions);
  return versions;
}

std::vector<Scheduled> AlertFeed::update_now(const std::vector<std::string> &ids, std::size_t tie) {
  const Hazards h = hazards_.get();
  std::vector<Scheduled> versions;
  const std::lock_guard lock(mutex_);
  Ticks t = 0;
  for (const auto &id : ids) {
    const VersionPtr latest = store_.latest(id);
    if (!latest) continue;
    if (versions.size() % tie == 0) t = next_group_time();
    Lifecycle life = latest->life;
    life.updates.push_back(t);
    versions.push_back({make(std::move(life)), visible_at(t, h)});
  }
  store_.add(versions);
  return versions;
}

std::vector<ScheduledIncident> AlertFeed::update_incidents(const std::vector<std::string> &ids, std::size_t tie) {
  const Hazards h = hazards_.get();
  std::vector<ScheduledIncident> versions;
  const std::lock_guard lock(mutex_);
  Ticks t = 0;
  for (const auto &id : ids) {
    if (versions.size() % tie == 0) t = next_group_time();
    if (auto version = incidents_.update(id, t, visible_at(t, h))) versions.push_back(std::move(*version));
  }
  return versions;
}

MergeResult AlertFeed::merge_incidents(const std::vector<Merge> &merges) {
  const Hazards h = hazards_.get();
  MergeResult result;
  const std::lock_guard lock(mutex_);
  for (const Merge &m : merges) {
    if (incidents_.check_merge(m.source, m.target) != MergeCheck::Ok) continue;
    const Ticks t = next_group_time();
    const Ticks visible = visible_at(t, h);
    std::vector<Scheduled> moved;
    for (const auto &id : incidents_.alerts_of(m.source)) {
      const VersionPtr latest = store_.latest(id);
      if (!latest) continue;
      Lifecycle life = latest->life;
      life.moves.push_back({life.updates.size(), t, m.target});
      moved.push_back({make(std::move(life)), visible});
    }
    store_.add(moved);
    const std::vector<ScheduledIncident> incidents = incidents_.merge(m, t, visible);
    result.merges.push_back(m);
    result.incidents.insert(result.incidents.end(), incidents.begin(), incidents.end());
    result.alerts.insert(result.alerts.end(), moved.begin(), moved.end());
  }
  return result;
}

}  // namespace sim
