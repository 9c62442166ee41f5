#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "api_kind.h"
#include "hostile_answers.h"
#include "timestamp.h"

namespace sim {

// Counters behind GET /_sim/stats, and the log of API requests behind GET /_sim/requests, so tests can assert what
// a client really did: requests per API and status, 429s, token requests per endpoint version, and the timing of
// every call (to check request budgets).
class SimStats {
 public:
  void record_connection() { ++connections_accepted_; }
  void record_token_request(const std::string &version, const std::string &outcome);
  void record_api_request(Api api, int status, std::size_t alerts_served, Ticks at, std::optional<HostileKind> hostile);

  struct TokenCounts {
    std::uint64_t total = 0;
    std::map<std::string, std::uint64_t> by_outcome;
  };
  struct ApiCounts {
    std::uint64_t total = 0;
    std::map<int, std::uint64_t> by_status;
    std::uint64_t alerts_served = 0;  // for the incidents API: incidents served
  };
  struct Snapshot {
    std::uint64_t connections_accepted = 0;
    TokenCounts tokens;
    std::map<std::string, TokenCounts> tokens_by_version;  // "v1", "v2"
    ApiCounts api;
    std::array<ApiCounts, kApis.size()> by_api;
  };
  Snapshot snapshot() const;

  struct RequestRecord {
    Ticks at = 0;
    Api api = Api::Graph;
    int status = 0;
    std::optional<HostileKind> hostile;  // the hostile answer sent instead of the page or the error body
  };
  std::vector<RequestRecord> requests(std::size_t from) const;

 private:
  std::atomic<std::uint64_t> connections_accepted_{0};
  mutable std::mutex mutex_;
  Snapshot counts_;
  std::vector<RequestRecord> requests_;
};

}  // namespace sim
