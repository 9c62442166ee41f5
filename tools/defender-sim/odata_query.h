#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "alert_store.h"
#include "odata_filter.h"
#include "url.h"

namespace sim {

// The OData system query options of one alerts_v2 request.
struct GraphQuery {
  std::optional<Filter> filter;
  OrderField order_field = OrderField::LastUpdateDateTime;
  bool descending = true;  // Graph lists newest first by default (docs/microsoft-apis.md, "Graph alerts_v2")
  std::optional<std::size_t> top;
  std::size_t offset = 0;  // from $skiptoken, else $skip
  bool count = false;
  Params carried;  // every option but $skip and $skiptoken, for the next link
};

struct GraphQueryParse {
  std::optional<GraphQuery> query;
  std::string error;  // Graph's message for a 400 BadRequest
};

GraphQueryParse parse_graph_query(const Params &params);

// The opaque $skiptoken for "continue at offset"; like Graph's, clients must only pass it back.
std::string encode_skiptoken(std::size_t offset);

}  // namespace sim
