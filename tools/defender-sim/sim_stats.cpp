#include "sim_stats.h"

namespace sim {

void SimStats::record_token_request(const std::string& outcome) {
  const std::lock_guard lock(mutex_);
  ++token_requests_;
  ++token_by_outcome_[outcome];
}

void SimStats::record_api_request(int status, std::size_t alerts_served) {
  const std::lock_guard lock(mutex_);
  ++api_requests_;
  ++api_by_status_[status];
  alerts_served_ += alerts_served;
}

SimStats::Snapshot SimStats::snapshot() const {
  const std::lock_guard lock(mutex_);
  return {connections_accepted_.load(), token_requests_, token_by_outcome_, api_requests_, api_by_status_,
          alerts_served_};
}

}  // namespace sim
