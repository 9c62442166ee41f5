// Alert, incident or stream record -> one OCSF event as compact JSON on one line, of the OCSF version ocsf_version: an
// alert is a Detection Finding (class 2004), an incident an Incident Finding (class 2005) (ocsf_format.cpp); a stream
// record the class of its Advanced Hunting table, or the base event (class 0) with the row under `unmapped` for a
// table without one and for a record that could not be read (ocsf_stream_format.cpp). docs/ocsf.md has the mapping.
#pragma once

#include <string>
#include <string_view>

#include "record.h"
#include "stream_record.h"

namespace defender {

inline constexpr std::string_view ocsf_version = "1.8.0";

void append_ocsf(const Alert &alert, std::string &out);
void append_ocsf(const Incident &incident, std::string &out);
void append_ocsf(const StreamRecord &record, std::string &out);

}  // namespace defender
