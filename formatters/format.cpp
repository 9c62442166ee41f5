#include "format.h"

#include "cef_format.h"
#include "json_format.h"
#include "leef_format.h"

namespace defender {

// One file per format (cef_format, json_format, ...), each appending its line; this only dispatches.
void format_alert(const Alert &alert, const FormatOptions &options, std::string &out) {
  out.clear();
  switch (options.format) {
    case Format::cef:
      append_cef(alert, out);
      return;
    case Format::leef:
      append_leef1(alert, out);
      return;
    case Format::leef2:
      append_leef2(alert, options.leef_delimiter, out);
      return;
    case Format::json:
      append_json(alert, out);
      return;
  }
}

}  // namespace defender
