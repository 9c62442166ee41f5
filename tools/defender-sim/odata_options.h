#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

// What Graph's alerts_v2 and the alerts API share in reading OData system query options (both run on the same
// OData stack, so they word their complaints alike).
class SystemOptions {
 public:
  // The lower-case name of a system query option ("$top"), or "" for an ordinary parameter. Sets `error` when the
  // option was already given.
  std::string name_of(const std::string &raw_name, std::string &error);

 private:
  std::vector<std::string> seen_;
};

// $top and $skip: a non-negative integer; otherwise nullopt and the message.
std::optional<std::size_t> count_option(std::string_view option, const std::string &value, std::string &error);

std::string option_not_allowed(const std::string &raw_name);

}  // namespace sim
