// Alert or incident -> the MESSAGE line, in the configured format.
#pragma once

#include <string>

#include "record.h"
#include "stream_layout.h"
#include "stream_record.h"

namespace defender {

enum class Format { cef, leef, leef2, json, ocsf };

struct FormatOptions {
  Format format = Format::cef;
  char leef_delimiter = '^';  // LEEF 2.0 attribute delimiter; see is_valid_leef_delimiter (leef_format.h)
};

// Clears out and writes exactly one line into it, with no trailing newline, no CR, LF or NUL. out is the caller's
// reusable buffer: keeping it across alerts saves an allocation per alert.
void format_alert(const Alert &alert, const FormatOptions &options, std::string &out);
void format_incident(const Incident &incident, const FormatOptions &options, std::string &out);
void format_record(const Record &record, const FormatOptions &options, std::string &out);
// A Streaming API record (stream_mapping.h; json: the record as sent). The layout, when given, is the one of the
// record's table and names (stream_layout.h): CEF and LEEF then write the columns without working their keys out.
void format_stream_record(const StreamRecord &record, const FormatOptions &options, std::string &out,
                          const StreamLayout *layout = nullptr);

}  // namespace defender
