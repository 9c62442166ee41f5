// cef-parse: reads lines on stdin (each may carry a syslog prefix before "CEF:") and prints one JSON object per
// line: the header fields and the extension, values unescaped, or {"error":"..."} for a line that is not valid
// CEF. Exits 0 once all input is read; the integration tests judge the lines.
#include "cef_parser.h"
#include "json_line.h"

int main() {
  using namespace defender::test;
  return print_each_line([](std::string_view line) {
    const CefParse parsed = parse_cef(line);
    if (!parsed.record) return json_object({{"error", parsed.error}});
    const CefRecord &r = *parsed.record;
    return json_record({{"version", r.version},
                        {"vendor", r.vendor},
                        {"product", r.product},
                        {"device_version", r.device_version},
                        {"signature_id", r.signature_id},
                        {"name", r.name},
                        {"severity", r.severity}},
                       "extension", r.extension);
  });
}
