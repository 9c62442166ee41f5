#include "odata_query.h"

#include <charconv>

#include "base64.h"

namespace sim {
namespace {

constexpr std::string_view kSkiptokenPrefix = "sim1:";

std::optional<std::size_t> non_negative(std::string_view s) {
  std::size_t n = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return n;
}

std::optional<std::size_t> decode_skiptoken(std::string_view token) {
  const auto raw = base64_decode(token);
  if (!raw || !raw->starts_with(kSkiptokenPrefix)) return std::nullopt;
  return non_negative(std::string_view(*raw).substr(kSkiptokenPrefix.size()));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "$orderby=lastUpdateDateTime desc": one term on one of the two datetime properties.
std::optional<std::string> parse_orderby(std::string_view text, GraphQuery& q) {
  text = trim(text);
  if (text.find(',') != std::string_view::npos) return "Only one $orderby term is supported.";
  const auto space = text.find(' ');
  const std::string_view property = text.substr(0, space);
  const std::string_view direction = space == std::string_view::npos ? std::string_view{} : trim(text.substr(space));
  if (iequals(property, "lastUpdateDateTime")) {
    q.order_field = OrderField::LastUpdateDateTime;
  } else if (iequals(property, "createdDateTime")) {
    q.order_field = OrderField::CreatedDateTime;
  } else {
    return "Ordering by the property '" + std::string(property) +
           "' is not supported; use lastUpdateDateTime or createdDateTime.";
  }
  if (direction.empty() || iequals(direction, "asc")) {
    q.descending = false;
  } else if (iequals(direction, "desc")) {
    q.descending = true;
  } else {
    return "Syntax error: '" + std::string(direction) + "' is not a valid ordering direction in '$orderby=" +
           std::string(text) + "'.";
  }
  return std::nullopt;
}

}  // namespace

std::string encode_skiptoken(std::size_t offset) {
  return base64url_encode(std::string(kSkiptokenPrefix) + std::to_string(offset));
}

GraphQueryParse parse_graph_query(const Params& params) {
  GraphQuery q;
  std::optional<std::size_t> skip;
  std::optional<std::size_t> skiptoken;
  std::vector<std::string> seen;
  for (const auto& [raw_name, value] : params) {
    const std::string name = to_lower(raw_name);
    if (!name.starts_with('$')) {
      q.carried.emplace_back(raw_name, value);
      continue;
    }
    for (const auto& s : seen)
      if (s == name)
        return {std::nullopt, "Query option '" + raw_name +
                                  "' was specified more than once, but it must be specified at most once."};
    seen.push_back(name);
    if (name == "$filter") {
      FilterParse f = parse_filter(value);
      if (!f.filter) return {std::nullopt, f.error};
      q.filter = std::move(f.filter);
    } else if (name == "$orderby") {
      if (auto error = parse_orderby(value, q)) return {std::nullopt, *error};
    } else if (name == "$top") {
      q.top = non_negative(value);
      if (!q.top)
        return {std::nullopt, "Invalid value '" + value +
                                  "' for $top query option found. The $top query option requires a non-negative "
                                  "integer value."};
    } else if (name == "$skip") {
      skip = non_negative(value);
      if (!skip)
        return {std::nullopt, "Invalid value '" + value +
                                  "' for $skip query option found. The $skip query option requires a non-negative "
                                  "integer value."};
      continue;
    } else if (name == "$skiptoken") {
      skiptoken = decode_skiptoken(value);
      if (!skiptoken) return {std::nullopt, "The $skiptoken value '" + value + "' is not valid."};
      continue;
    } else if (name == "$count") {
      if (iequals(value, "true")) {
        q.count = true;
      } else if (!iequals(value, "false")) {
        return {std::nullopt, "'" + value + "' is not a valid count option."};
      }
    } else {
      return {std::nullopt, "Query option '" + raw_name +
                                "' is not allowed. To allow it, set the 'AllowedQueryOptions' property on "
                                "EnableQueryAttribute or QueryValidationSettings."};
    }
    q.carried.emplace_back(raw_name, value);
  }
  q.offset = skiptoken ? *skiptoken : skip.value_or(0);
  return {std::move(q), {}};
}

}  // namespace sim
