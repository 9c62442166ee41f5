#include "alert_version.h"

#include "graph_alert_json.h"

namespace sim {

AlertVersion make_version(const Alert& a, std::uint64_t generator_index) {
  std::string json = render_graph_alert(a);
  DeflateSegment deflated = deflate_segment("," + json);
  return AlertVersion{
      a.id,
      format_iso8601(a.last_update),
      FilterFields{a.last_update, a.created, a.service_source, a.severity, a.status, a.classification,
                   a.determination, a.assigned_to},
      std::move(json),
      std::move(deflated),
      generator_index,
  };
}

}  // namespace sim
