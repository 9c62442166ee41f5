#include "event_plan.h"

#include <utility>

#include "defender-sim/random.h"
#include "malformed_body.h"
#include "record_json.h"

namespace streamsim {
namespace {

constexpr std::string_view kBodyStart = R"({"records":[)";
constexpr std::string_view kBodyEnd = "]}";

struct Lane {
  std::size_t hub;
  int partition;
};

// Events being filled for one set of lanes: all hubs' partitions, or one table's hub.
struct Pool {
  std::vector<Lane> lanes;
  std::size_t next_lane = 0;
  std::string body;
  std::vector<EventRecord> records;
  std::size_t target = 0;  // the records this event is to hold
};

class Planner {
 public:
  Planner(const PlanSettings &settings, const std::function<bool(const Event &)> &sink)
      : settings_(settings),
        sink_(sink),
        rng_(sim::mix_seed(settings.seed, 0x9E7E4ULL)),
        maker_({settings.seed, settings.tenant_id, settings.hostile_percent}),
        hubs_(event_hubs(settings)),
        sequences_(hubs_.size(), std::vector<std::uint64_t>(static_cast<std::size_t>(settings.partitions), 0)) {
    make_pools();
  }

  void run() {
    std::vector<TableId> order = settings_.tables;
    for (std::uint64_t i = 0; i < settings_.records && !stopped_; ++i) {
      const std::size_t turn = i % order.size();
      if (turn == 0) shuffle(order);
      add(order[turn], i);
    }
    for (auto &pool : pools_)
      if (!pool.records.empty() && !stopped_) close(pool);
  }

 private:
  void make_pools() {
    if (settings_.hub_per_table) {
      for (std::size_t hub = 0; hub < hubs_.size(); ++hub) {
        Pool pool;
        for (int p = 0; p < settings_.partitions; ++p) pool.lanes.push_back({hub, p});
        pools_.push_back(std::move(pool));
      }
      return;
    }
    // One pool: events go round the hubs first, so that consecutive events land in different hubs.
    Pool pool;
    for (int p = 0; p < settings_.partitions; ++p)
      for (std::size_t hub = 0; hub < hubs_.size(); ++hub) pool.lanes.push_back({hub, p});
    pools_.push_back(std::move(pool));
  }

  Pool &pool_of(TableId table) {
    if (!settings_.hub_per_table) return pools_.front();
    for (std::size_t i = 0; i < settings_.tables.size(); ++i)
      if (settings_.tables[i] == table) return pools_[i];
    return pools_.front();
  }

  void shuffle(std::vector<TableId> &order) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_.below(i)]);
  }

  void add(TableId table, std::uint64_t index) {
    Pool &pool = pool_of(table);
    const std::string record = maker_.make(table, index);
    if (!pool.records.empty() && pool.body.size() + 1 + record.size() + kBodyEnd.size() > kMaxBodyBytes) close(pool);
    if (pool.records.empty()) {
      pool.body = kBodyStart;
      pool.target =
          static_cast<std::size_t>(rng_.between(1, static_cast<std::int64_t>(settings_.max_records_per_event)));
    } else {
      pool.body += ',';
    }
    pool.body += record;
    pool.records.push_back({table, index});
    if (pool.records.size() >= pool.target) close(pool);
  }

  Lane next_lane(Pool &pool) { return pool.lanes[pool.next_lane++ % pool.lanes.size()]; }

  Event start_event(Pool &pool) {
    const Lane lane = next_lane(pool);
    Event event;
    event.hub = lane.hub;
    event.partition = lane.partition;
    event.sequence = sequences_[lane.hub][static_cast<std::size_t>(lane.partition)]++;
    ++events_;
    return event;
  }

  // Sends the pool's event, after a malformed body when the next event's turn is a malformed one.
  void close(Pool &pool) {
    if (settings_.malformed_every && (events_ + 1) % settings_.malformed_every == 0) {
      Event bad = start_event(pool);
      MalformedBody malformed = malformed_body(++malformed_, settings_.seed);
      bad.body = std::move(malformed.body);
      bad.malformed = std::move(malformed.marker);
      bad.malformed_kind = malformed.kind;
      if (!sink_(bad)) {
        stopped_ = true;
        return;
      }
    }
    Event event = start_event(pool);
    pool.body += kBodyEnd;
    event.body = std::move(pool.body);
    event.records = std::move(pool.records);
    stopped_ = !sink_(event);
    pool.body.clear();
    pool.records.clear();
  }

  const PlanSettings &settings_;
  const std::function<bool(const Event &)> &sink_;
  sim::Rng rng_;
  RecordMaker maker_;
  std::vector<std::string> hubs_;
  std::vector<std::vector<std::uint64_t>> sequences_;  // [hub][partition]: the next event's sequence
  std::vector<Pool> pools_;
  std::uint64_t events_ = 0;
  std::uint64_t malformed_ = 0;
  bool stopped_ = false;
};

}  // namespace

std::vector<std::string> event_hubs(const PlanSettings &settings) {
  if (!settings.hub_per_table) return settings.hubs;
  std::vector<std::string> hubs;
  for (const TableId table : settings.tables) hubs.push_back(table_hub(table));
  return hubs;
}

void plan_events(const PlanSettings &settings, const std::function<bool(const Event &)> &sink) {
  if (settings.tables.empty() || settings.partitions < 1 || settings.max_records_per_event < 1 ||
      event_hubs(settings).empty())
    return;
  Planner(settings, sink).run();
}

}  // namespace streamsim
