#include "json_format.h"

#include "json_line.h"

namespace defender {

void append_json(const Alert &alert, std::string &out) {
  if (is_plain_json_line(alert.raw_json))
    out += alert.raw_json;
  else
    append_json_line(alert.raw_json, out);
}

}  // namespace defender
