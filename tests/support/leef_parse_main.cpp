// leef-parse: reads lines on stdin (each may carry a syslog prefix before "LEEF:") and prints one JSON object per
// line: the header fields, the delimiter and the attributes, or {"error":"..."} for a line that is not valid
// LEEF 1.0 or 2.0. Exits 0 once all input is read; the integration tests judge the lines.
#include "json_line.h"
#include "leef_parser.h"

int main() {
  using namespace defender::test;
  return print_each_line([](std::string_view line) {
    const LeefParse parsed = parse_leef(line);
    if (!parsed.record) return json_object({{"error", parsed.error}});
    const LeefRecord &r = *parsed.record;
    return json_record({{"version", r.version},
                        {"vendor", r.vendor},
                        {"product", r.product},
                        {"product_version", r.product_version},
                        {"event_id", r.event_id},
                        {"delimiter", r.delimiter}},
                       "attributes", r.attributes);
  });
}
