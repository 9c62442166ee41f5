#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api_kind.h"

namespace sim {

// Where the last page a client was served ended, per API: its alerts and the ones right after it in that request's
// order. Updating one of them moves it inside a result that a client is paging by offset (docs/delivery-hazards.md,
// "Offset paging over a moving set"):
// - time ascending (Graph with $orderby asc): an updated served alert moves to the end, everything behind it moves
//   up one, and the first alert of the next page is never returned — target "served";
// - time descending (Graph's default): an updated unserved alert moves to the top, where the client has been, so
//   its final version is never returned — target "unserved";
// - the alerts API's unsorted order: an updated served alert takes a random new place, and either its new version
//   or the alert that crosses the page boundary is never returned — target "served".
class ServedCursor {
 public:
  static constexpr std::size_t kLookahead = 64;

  void note(Api api, std::vector<std::string> page, std::vector<std::string> following);

  // Takes (so that the next call gets others) up to n ids from the page (served) or from after it (unserved) of
  // the given API, or of the API served most recently.
  std::vector<std::string> take(std::optional<Api> api, bool served, std::size_t n);

 private:
  struct Slot {
    std::vector<std::string> page;
    std::vector<std::string> following;
    std::uint64_t serial = 0;  // 0: nothing served yet
  };
  std::mutex mutex_;
  std::array<Slot, kApis.size()> slots_;
  std::uint64_t next_serial_ = 1;
};

}  // namespace sim
