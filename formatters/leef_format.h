// Alert or incident -> one LEEF 1.0 or LEEF 2.0 line (IBM QRadar LEEF guide), per the mapping in leef_mapping.h.
#pragma once

#include <string>

#include "record.h"
#include "stream_layout.h"
#include "stream_record.h"

namespace defender {

inline constexpr char leef_default_delimiter = '^';

// Whether c can separate LEEF 2.0 attributes: a control character other than NUL, CR and LF (TAB above all), or
// ASCII punctuation other than space, '=' and '|'. Letters and digits would split keys, '=' splits key from
// value, '|' ends header fields, and space is what a delimiter inside a value becomes.
bool is_valid_leef_delimiter(char c);

// LEEF:1.0|Microsoft|<product>|<version>|<event id>| then key=value attributes separated by TAB.
void append_leef1(const Alert &alert, std::string &out);
void append_leef1(const Incident &incident, std::string &out);

// LEEF:2.0|Microsoft|<product>|<version>|<event id>|<delimiter>| then key=value attributes separated by the
// delimiter, which the header writes as itself when printable and as x followed by two hex digits (x09 for TAB)
// otherwise. An invalid delimiter is replaced by the default, '^'.
void append_leef2(const Alert &alert, char delimiter, std::string &out);
void append_leef2(const Incident &incident, char delimiter, std::string &out);

// A Streaming API record, per stream_mapping.h: devTime (the message time), sev (from the row's Severity), the
// columns (stream_columns.h), tenantId, recordTime (the record's time). An unparsed record writes its parse error as
// reason and its text as unparsedText. The layout, when given, is the one of the record's table and names
// (stream_layout.h).
void append_leef1(const StreamRecord &record, std::string &out, const StreamLayout *layout = nullptr);
void append_leef2(const StreamRecord &record, char delimiter, std::string &out, const StreamLayout *layout = nullptr);

// Both: LEEF defines no escape, so in values the delimiter, CR and LF become spaces, and in header fields '|'
// does too; other control characters become spaces and invalid UTF-8 becomes U+FFFD (text.h). Values longer than
// their limit end in the truncation marker. Empty fields are left out, and so is sev for an unknown severity:
// LEEF's scale starts at 1, and QRadar then takes the severity of the event's QID.
}  // namespace defender
