// Alert or incident -> its JSON as the API returned it, as one line.
#pragma once

#include <string>

#include "record.h"
#include "stream_record.h"

namespace defender {

// Appends the item's raw_json as one line that strict JSON parsers accept (json_line.h): as it is when it already is
// one, which is what the poller hands over; else, as a last line of defence against a second record, without
// white space between tokens, with every character that could end or hide a line (CR, LF and the other C0
// controls, DEL, C1, U+2028, U+2029) inside strings as its \uXXXX escape, invalid UTF-8 as U+FFFD and a lone
// escaped surrogate as \ufffd.
void append_json(const Alert &alert, std::string &out);
void append_json(const Incident &incident, std::string &out);

// A Streaming API record: the record as sent (raw_json), the same way. An unparsed record, whose text need not be
// JSON, is written as {"parseError":"<why>","unparsedText":"<the text>"}.
void append_json(const StreamRecord &record, std::string &out);

}  // namespace defender
