#include "odata_options.h"

#include <algorithm>
#include <cstdint>

#include "number_text.h"
#include "url.h"

namespace sim {

std::string SystemOptions::name_of(const std::string &raw_name, std::string &error) {
  std::string name = to_lower(raw_name);
  if (!name.starts_with('$')) return {};
  if (std::find(seen_.begin(), seen_.end(), name) != seen_.end())
    error = "Query option '" + raw_name + "' was specified more than once, but it must be specified at most once.";
  seen_.push_back(name);
  return name;
}

std::optional<std::size_t> count_option(std::string_view option, const std::string &value, std::string &error) {
  const auto n = parse_number<std::size_t>(value, 0, SIZE_MAX);
  if (!n)
    error = "Invalid value '" + value + "' for " + std::string(option) + " query option found. The " +
            std::string(option) + " query option requires a non-negative integer value.";
  return n;
}

std::string option_not_allowed(const std::string &raw_name) {
  return "Query option '" + raw_name +
         "' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or "
         "QueryValidationSettings.";
}

}  // namespace sim
