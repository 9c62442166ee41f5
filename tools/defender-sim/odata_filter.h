#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spelling.h"
#include "timestamp.h"

namespace sim {

// The alert fields the APIs let a client filter on (docs/microsoft-apis.md, "Graph alerts_v2" and
// "Defender for Endpoint alerts API"), in the store's (Graph's) spelling.
struct FilterFields {
  Ticks last_update = 0;
  Ticks created = 0;
  std::string service_source;
  std::string severity;
  std::string status;
  std::optional<std::string> classification;
  std::optional<std::string> determination;
  std::optional<std::string> assigned_to;
  std::string category;
  std::string detection_source;
};

enum class FilterProperty {
  LastUpdateDateTime,
  CreatedDateTime,
  ServiceSource,
  Severity,
  Status,
  Classification,
  Determination,
  AssignedTo,
  Category,
  DetectionSource
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

  bool matches(const FilterFields &f) const;
  // The lastUpdateDateTime interval the comparisons allow, so the store can binary-search it.
  TickRange last_update_range() const;
  // True when the range says it all (no other property, no 'ne'): then every version in the range matches.
  bool only_last_update_range() const;
  bool empty() const { return all_.empty(); }

 private:
  std::vector<Comparison> all_;
};

// One filterable property as an API names it.
struct FilterPropertyInfo {
  std::string_view name;
  FilterProperty property;
  bool is_time;
  std::span<const Spelling> members;  // enum values; empty: free text
  bool closed;                        // an unknown value is an error, rather than a value that matches nothing
};

// The $filter vocabulary of one API's alert type.
struct FilterSchema {
  std::string_view type_name;  // for messages
  std::span<const FilterPropertyInfo> properties;
  std::span<const std::string_view> unfilterable;  // properties that exist but cannot be filtered on
};

struct FilterParse {
  std::optional<Filter> filter;
  std::string error;  // "Invalid filter clause: ..."
};

FilterParse parse_filter(std::string_view text, const FilterSchema &schema);

}  // namespace sim
