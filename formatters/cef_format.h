// Alert or incident -> one CEF:0 line (ArcSight CEF Implementation Standard), per the mapping in cef_mapping.h.
#pragma once

#include <string>

#include "record.h"
#include "stream_layout.h"
#include "stream_record.h"

namespace defender {

// Appends the line to out, without a newline. Header fields escape '\' and '|'; extension values escape '\' and
// '=' and write CR and LF as \r and \n; other control characters become spaces and invalid UTF-8 becomes U+FFFD
// (text.h). Values longer than their limit end in the truncation marker. Empty fields are left out.
void append_cef(const Alert &alert, std::string &out);
void append_cef(const Incident &incident, std::string &out);

// A Streaming API record, per stream_mapping.h: rt (the message time), the columns (stream_columns.h),
// MicrosoftDefenderTenantId, and last the record's time as deviceCustomDate1 (label recordTime). An unparsed record
// writes its parse error as reason and its text as MicrosoftDefenderUnparsedText. The layout, when given, is the one
// of the record's table and names (stream_layout.h).
void append_cef(const StreamRecord &record, std::string &out, const StreamLayout *layout = nullptr);

}  // namespace defender
