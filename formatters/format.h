// Alert -> the MESSAGE line, in the configured format.
#pragma once

#include <string>

#include "alert.h"

namespace defender {

enum class Format { cef, leef, leef2, json };

struct FormatOptions {
  Format format = Format::cef;
  char leef_delimiter = '^';  // LEEF 2.0 attribute delimiter
};

// Clears out and writes exactly one line into it, with no trailing newline, no CR, LF or NUL. out is the caller's
// reusable buffer: keeping it across alerts saves an allocation per alert.
// LEEF 1.0 and 2.0 are not implemented yet: for them out is left empty.
void format_alert(const Alert &alert, const FormatOptions &options, std::string &out);

}  // namespace defender
