#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "alert_store.h"
#include "odata_filter.h"
#include "url.h"

namespace sim {

// What one Graph list accepts besides paging: its $filter vocabulary, and whether $expand=alerts is allowed.
struct GraphQuerySyntax {
  const FilterSchema &schema;
  bool expand_alerts = false;
};

// The OData system query options of one request to a Graph list (alerts_v2, incidents).
struct GraphQuery {
  std::optional<Filter> filter;
  OrderField order_field = OrderField::LastUpdateDateTime;
  bool descending = true;  // Graph lists newest first by default (docs/microsoft-apis.md, "Graph alerts_v2")
  std::optional<std::size_t> top;
  std::size_t offset = 0;  // from $skiptoken, else $skip
  bool count = false;
  bool expand_alerts = false;
  Params carried;  // every option but $skip and $skiptoken, for the next link
};

struct GraphQueryParse {
  std::optional<GraphQuery> query;
  std::string error;  // Graph's message for a 400 BadRequest
};

GraphQueryParse parse_graph_query(const Params &params, const GraphQuerySyntax &syntax);

// The opaque $skiptoken for "continue at offset"; like Graph's, clients must only pass it back.
std::string encode_skiptoken(std::size_t offset);

}  // namespace sim
