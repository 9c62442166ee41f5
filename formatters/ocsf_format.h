// Alert or incident -> one OCSF event as compact JSON on one line: an alert is a Detection Finding (class 2004), an
// incident an Incident Finding (class 2005), of the OCSF version ocsf_version. docs/ocsf.md has the mapping.
#pragma once

#include <string>
#include <string_view>

#include "record.h"

namespace defender {

inline constexpr std::string_view ocsf_version = "1.8.0";

void append_ocsf(const Alert &alert, std::string &out);
void append_ocsf(const Incident &incident, std::string &out);

}  // namespace defender
