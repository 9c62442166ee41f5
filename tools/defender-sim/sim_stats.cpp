#include "sim_stats.h"

namespace sim {
namespace {

void count(SimStats::ApiCounts &c, int status, std::size_t alerts_served) {
  ++c.total;
  ++c.by_status[status];
  c.alerts_served += alerts_served;
}

void count(SimStats::TokenCounts &c, const std::string &outcome) {
  ++c.total;
  ++c.by_outcome[outcome];
}

}  // namespace

void SimStats::record_token_request(const std::string &version, const std::string &outcome) {
  const std::lock_guard lock(mutex_);
  count(counts_.tokens, outcome);
  count(counts_.tokens_by_version[version], outcome);
}

void SimStats::record_api_request(Api api, int status, std::size_t alerts_served, Ticks at,
                                  std::optional<HostileKind> hostile) {
  const std::lock_guard lock(mutex_);
  // The incidents API serves incidents: counted for it alone, not among the alerts served.
  count(counts_.api, status, api == Api::Incidents ? 0 : alerts_served);
  count(counts_.by_api[static_cast<std::size_t>(api)], status, alerts_served);
  requests_.push_back({at, api, status, hostile});
}

SimStats::Snapshot SimStats::snapshot() const {
  const std::lock_guard lock(mutex_);
  Snapshot s = counts_;
  s.connections_accepted = connections_accepted_.load();
  return s;
}

std::vector<SimStats::RequestRecord> SimStats::requests(std::size_t from) const {
  const std::lock_guard lock(mutex_);
  if (from >= requests_.size()) return {};
  return {requests_.begin() + static_cast<std::ptrdiff_t>(from), requests_.end()};
}

}  // namespace sim
