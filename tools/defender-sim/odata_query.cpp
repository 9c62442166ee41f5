#include "odata_query.h"

#include <cstdint>

#include "base64.h"
#include "number_text.h"
#include "odata_options.h"

namespace sim {
namespace {

constexpr std::string_view kSkiptokenPrefix = "sim1:";

std::optional<std::size_t> decode_skiptoken(std::string_view token) {
  const auto raw = base64_decode(token);
  if (!raw || !raw->starts_with(kSkiptokenPrefix)) return std::nullopt;
  return parse_number<std::size_t>(std::string_view(*raw).substr(kSkiptokenPrefix.size()), 0, SIZE_MAX);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "$orderby=lastUpdateDateTime desc": one term on one of the two datetime properties.
std::optional<std::string> parse_orderby(std::string_view text, GraphQuery &q) {
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
    return "Syntax error: '" + std::string(direction) +
           "' is not a valid ordering direction in '$orderby=" + std::string(text) + "'.";
  }
  return std::nullopt;
}

}  // namespace

std::string encode_skiptoken(std::size_t offset) {
  return base64url_encode(std::string(kSkiptokenPrefix) + std::to_string(offset));
}

GraphQueryParse parse_graph_query(const Params &params, const GraphQuerySyntax &syntax) {
  GraphQuery q;
  std::optional<std::size_t> skip;
  std::optional<std::size_t> skiptoken;
  SystemOptions options;
  std::string error;
  for (const auto &[raw_name, value] : params) {
    const std::string name = options.name_of(raw_name, error);
    if (!error.empty()) return {std::nullopt, error};
    if (name.empty()) {
      q.carried.emplace_back(raw_name, value);
      continue;
    }
    if (name == "$filter") {
      FilterParse f = parse_filter(value, syntax.schema);
      if (!f.filter) return {std::nullopt, f.error};
      q.filter = std::move(f.filter);
    } else if (name == "$orderby") {
      if (auto orderby_error = parse_orderby(value, q)) return {std::nullopt, *orderby_error};
    } else if (name == "$top") {
      q.top = count_option(name, value, error);
      if (!q.top) return {std::nullopt, error};
    } else if (name == "$skip") {
      skip = count_option(name, value, error);
      if (!skip) return {std::nullopt, error};
      continue;
    } else if (name == "$skiptoken") {
      skiptoken = decode_skiptoken(value);
      if (!skiptoken) return {std::nullopt, "The $skiptoken value '" + value + "' is not valid."};
      continue;
    } else if (name == "$expand" && syntax.expand_alerts) {
      if (!iequals(trim(value), "alerts"))
        return {std::nullopt, "Could not find a property named '" + std::string(trim(value)) + "' on type '" +
                                  std::string(syntax.schema.type_name) + "'; only alerts can be expanded."};
      q.expand_alerts = true;
    } else if (name == "$count") {
      if (iequals(value, "true")) {
        q.count = true;
      } else if (!iequals(value, "false")) {
        return {std::nullopt, "'" + value + "' is not a valid count option."};
      }
    } else {
      return {std::nullopt, option_not_allowed(raw_name)};
    }
    q.carried.emplace_back(raw_name, value);
  }
  q.offset = skiptoken ? *skiptoken : skip.value_or(0);
  return {std::move(q), {}};
}

}  // namespace sim
