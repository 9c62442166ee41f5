#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "odata_filter.h"
#include "url.h"

namespace sim {

// $top's maximum (docs/microsoft-apis.md, "Defender for Endpoint alerts API").
inline constexpr std::size_t kMdeMaxTop = 10'000;

// The OData options of one alerts API request (docs/microsoft-apis.md, "Defender for Endpoint alerts API"): $filter,
// $top (up to 10,000), $skip, $expand=evidence, and $orderby, which is not documented for this API: accepted and
// ignored.
struct MdeQuery {
  std::optional<Filter> filter;
  std::optional<std::size_t> top;
  std::size_t skip = 0;
  bool expand_evidence = false;
  Params carried;  // every parameter but $skip, for the next link
};

struct MdeQueryParse {
  std::optional<MdeQuery> query;
  std::string error;  // the message of a 400 ODataError
};

MdeQueryParse parse_mde_query(const Params &params);

}  // namespace sim
