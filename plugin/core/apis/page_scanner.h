// Splits an API response into the raw text of each alert without building a tree of the whole page,
// so one malformed alert costs that alert only and the rest of the page is still delivered.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace defender {

struct ScannedPage {
  std::vector<std::string_view> items;  // each element of the alert array, as it appears in the body
  std::string next_link;                // @odata.nextLink, unescaped; empty when absent
  bool complete = false;                // false: the body ended early or is not JSON; items holds what was whole
  std::string error;                    // why it is not complete
};

// Accepts the OData envelope {"value":[...], "@odata.nextLink":"..."} and a bare array (the SIEM API). Keeps at most
// `max_items` alerts (AlertApi::max_page_items()): a page with more is not complete and its alerts past the cap are
// not kept, as a view takes 16 bytes and an item can take 2 of the body ("0,").
ScannedPage scan_page(std::string_view body, size_t max_items);

// Copies a JSON text as one line that strict parsers accept (json_line.h): as it is when it already is one (the
// common case, and the cheap one), else without white space between tokens (so a pretty-printed alert becomes one
// line), with control characters, U+2028 and U+2029 inside strings as \u escapes, every byte sequence that is not
// UTF-8 as U+FFFD and a lone escaped surrogate as \ufffd.
void one_line_json(std::string_view json, std::string &out);

}  // namespace defender
