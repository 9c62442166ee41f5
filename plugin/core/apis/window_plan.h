// How one time window of alert versions is read: which request comes next, and what an answer completed.
// WindowReader pages an OData API; SiemWindowReader narrows and widens the SIEM API's sub-windows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "instant.h"

namespace defender {

struct PageRequest {
  Instant from;                 // paging time >= from
  Instant until;                // paging time < until (unused for a single instant)
  bool single_instant = false;  // paging time == from
  int64_t skip = 0;
  int64_t top = 0;        // 0: the API takes no page size (SIEM)
  std::string next_link;  // inside a single instant: the server's own continuation, when it gave one
};

struct PageSummary {
  size_t served = 0;           // alerts in the answer, readable or not
  std::vector<Instant> times;  // paging times of the readable ones, in the order served
  bool more = false;           // the server announced a continuation
  bool cut_off = false;        // the body ended early or was malformed: what follows its last whole alert is unknown
  std::string next_link;
  size_t new_versions = 0;  // versions not emitted before
};

class WindowPlan {
 public:
  virtual ~WindowPlan() = default;
  virtual const PageRequest &request() const = 0;
  virtual bool done() const = 0;
  // Returns the instant before which every version has now been read, when that moved.
  virtual std::optional<Instant> on_page(const PageSummary &page) = 0;
};

}  // namespace defender
