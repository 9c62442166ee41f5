// GET /_sim/ledger and GET /_sim/requests: what the simulator made visible and what clients asked of it.
#include "control_api.h"
#include "control_responses.h"
#include "json_writer.h"
#include "ledger_file.h"

namespace sim {

HttpResponse ControlApi::ledger(const Params &params) const {
  const auto from = size_param(params, "from", 0, SIZE_MAX);
  const auto final_only = size_param(params, "final", 0, 1);
  if (!from || !final_only) return control_error(400, "from must be a non-negative integer and final 0 or 1");
  const std::vector<LedgerEntry> entries = sim_.store.ledger(*from, *final_only == 1);
  std::string body = "[";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i) body += ',';
    body += ledger_entry_json(entries[i]);
  }
  body += ']';
  return json_response(200, std::move(body));
}

HttpResponse ControlApi::requests(const Params &params) const {
  const auto from = size_param(params, "from", 0, SIZE_MAX);
  if (!from) return control_error(400, "from must be a non-negative integer");
  JsonWriter w;
  w.begin_array();
  for (const auto &r : sim_.stats.requests(*from)) {
    w.begin_object();
    w.key("at").integer(r.at);
    w.key("api").str(api_name(r.api));
    w.key("status").integer(r.status);
    if (r.hostile) w.key("hostile").str(hostile_kind_name(*r.hostile));
    w.end_object();
  }
  w.end_array();
  return json_response(200, w.take());
}

}  // namespace sim
