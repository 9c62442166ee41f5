#include "mde_query.h"

#include "filter_schemas.h"
#include "odata_options.h"

namespace sim {

MdeQueryParse parse_mde_query(const Params &params) {
  MdeQuery q;
  SystemOptions options;
  std::string error;
  for (const auto &[raw_name, value] : params) {
    const std::string name = options.name_of(raw_name, error);
    if (!error.empty()) return {std::nullopt, error};
    if (name == "$filter") {
      FilterParse f = parse_filter(value, mde_filter_schema());
      if (!f.filter) return {std::nullopt, f.error};
      q.filter = std::move(f.filter);
    } else if (name == "$top") {
      q.top = count_option(name, value, error);
      if (!q.top) return {std::nullopt, error};
      if (*q.top > kMdeMaxTop)
        return {std::nullopt, "The limit of '" + std::to_string(kMdeMaxTop) +
                                  "' for Top query has been exceeded. The value from the incoming request is '" +
                                  value + "'."};
    } else if (name == "$skip") {
      const auto skip = count_option(name, value, error);
      if (!skip) return {std::nullopt, error};
      q.skip = *skip;
      continue;
    } else if (name == "$expand") {
      if (!iequals(value, "evidence"))
        return {std::nullopt, "Could not find a property named '" + value + "' to expand; only 'evidence' can be."};
      q.expand_evidence = true;
    } else if (!name.empty() && name != "$orderby") {
      return {std::nullopt, option_not_allowed(raw_name)};
    }
    q.carried.emplace_back(raw_name, value);
  }
  return {std::move(q), {}};
}

}  // namespace sim
