#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace sim {

// Counters behind GET /_sim/stats, so tests can assert what a client really did.
class SimStats {
 public:
  void record_connection() { ++connections_accepted_; }
  void record_token_request(const std::string& outcome);
  void record_api_request(int status, std::size_t alerts_served);

  struct Snapshot {
    std::uint64_t connections_accepted = 0;
    std::uint64_t token_requests = 0;
    std::map<std::string, std::uint64_t> token_by_outcome;
    std::uint64_t api_requests = 0;
    std::map<int, std::uint64_t> api_by_status;
    std::uint64_t alerts_served = 0;
  };
  Snapshot snapshot() const;

 private:
  std::atomic<std::uint64_t> connections_accepted_{0};
  mutable std::mutex mutex_;
  std::uint64_t token_requests_ = 0;
  std::map<std::string, std::uint64_t> token_by_outcome_;
  std::uint64_t api_requests_ = 0;
  std::map<int, std::uint64_t> api_by_status_;
  std::uint64_t alerts_served_ = 0;
};

}  // namespace sim
