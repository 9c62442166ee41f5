#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timestamp.h"

namespace sim {

// The alert fields alerts_v2 lets a client filter on (GLIST: "$filter properties").
struct FilterFields {
  Ticks last_update = 0;
  Ticks created = 0;
  std::string service_source;
  std::string severity;
  std::string status;
  std::optional<std::string> classification;
  std::optional<std::string> determination;
  std::optional<std::string> assigned_to;
};

enum class FilterProperty {
  LastUpdateDateTime, CreatedDateTime, ServiceSource, Severity, Status, Classification, Determination, AssignedTo
};
enum class CompareOp { Eq, Ne, Ge, Gt, Le, Lt };

struct Comparison {
  FilterProperty property;
  CompareOp op;
  Ticks time = 0;                   // datetime properties
  std::optional<std::string> text;  // string properties; nullopt is the literal null
};

// Half-open tick interval [lo, hi).
struct TickRange {
  Ticks lo;
  Ticks hi;
};

// A conjunction of comparisons: the subset of OData $filter that alerts_v2 clients use.
class Filter {
 public:
  Filter() = default;
  explicit Filter(std::vector<Comparison> all) : all_(std::move(all)) {}

  bool matches(const FilterFields& f) const;
  // The lastUpdateDateTime interval the comparisons allow, so the store can binary-search it.
  TickRange last_update_range() const;
  // True when the range says it all (no other property, no 'ne'): then every version in the range matches.
  bool only_last_update_range() const;
  bool empty() const { return all_.empty(); }

 private:
  std::vector<Comparison> all_;
};

struct FilterParse {
  std::optional<Filter> filter;
  std::string error;  // Graph's message text, "Invalid filter clause: ..."
};

FilterParse parse_filter(std::string_view text);

}  // namespace sim
