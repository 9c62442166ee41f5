#include "json_format.h"

#include "json_line.h"

namespace defender {

namespace {

void append_one_line(const std::string &json, std::string &out) {
  if (is_plain_json_line(json))
    out += json;
  else
    append_json_line(json, out);
}

}  // namespace

void append_json(const Alert &alert, std::string &out) { append_one_line(alert.raw_json, out); }

void append_json(const Incident &incident, std::string &out) { append_one_line(incident.raw_json, out); }

}  // namespace defender
