// Splits the body of one Event Hubs message from Microsoft Defender's Streaming API, {"records":[...]}, into stream
// records, without a tree of the whole body: each record is parsed on its own within the caps on nesting and values
// (bounded_json.h), where it stands in a copy of the body; one that does not parse there, or is not kept as sent, is
// found by scanning (json_scanner.h) and parsed from its one-line copy. One broken record costs that record only.
//
// Nothing is dropped silently. A body that is not JSON, not an object, or has no "records" array; a record that is
// not an object or does not parse; a body that ends inside the array: each becomes one unparsed record (parse_error
// set) carrying the text it could not read, as valid UTF-8 on one line and at most max_unparsed_text bytes
// (stream_record.h). Records
// of any table, known or not, are kept.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "stream_record.h"

namespace defender {

// The most records one body gives. Event Hubs holds a message to 1 MB, and a real record is hundreds of bytes, so a
// real body has a few thousand at most; the cap keeps a body of "{}," items (3 bytes each, some hundreds of bytes
// once records) from growing a hundredfold in memory.
inline constexpr size_t max_records_per_body = 10'000;

struct StreamBody {
  std::vector<StreamRecord> records;  // in body order, the unparsed ones in their place
  size_t unparsed = 0;                // records above that carry a parse error
  size_t not_read = 0;                // records past max_records_per_body: counted, not read, told by the last record
};

StreamBody read_stream_body(std::string_view body);

}  // namespace defender
