#include "format.h"

#include "cef_format.h"
#include "json_format.h"
#include "leef_format.h"
#include "ocsf_format.h"

namespace defender {

namespace {

// `layout`: none for an alert or an incident, the stream record's layout (or null) for CEF and LEEF.
template <class Item, class... Layout>
void format_item(const Item &item, const FormatOptions &options, std::string &out, const Layout *...layout) {
  out.clear();
  switch (options.format) {
    case Format::cef:
      append_cef(item, out, layout...);
      return;
    case Format::leef:
      append_leef1(item, out, layout...);
      return;
    case Format::leef2:
      append_leef2(item, options.leef_delimiter, out, layout...);
      return;
    case Format::json:
      append_json(item, out);
      return;
    case Format::ocsf:
      append_ocsf(item, out);
      return;
  }
}

}  // namespace

// One file per format (cef_format, json_format, ...), each appending its line; this only dispatches.
void format_alert(const Alert &alert, const FormatOptions &options, std::string &out) {
  format_item(alert, options, out);
}

void format_incident(const Incident &incident, const FormatOptions &options, std::string &out) {
  format_item(incident, options, out);
}

void format_stream_record(const StreamRecord &record, const FormatOptions &options, std::string &out,
                          const StreamLayout *layout) {
  format_item(record, options, out, layout);
}

void format_record(const Record &record, const FormatOptions &options, std::string &out) {
  std::visit([&](const auto &item) { format_item(item, options, out); }, record);
}

}  // namespace defender
