#include "apis/page_scanner.h"

#include <rapidjson/document.h>

#include "json/json_scanner.h"
#include "json_line.h"

namespace defender {
namespace {

// A link that is not a string is no link: anything else (an array nested 100,000 deep) is not parsed at all.
std::string unescape_string(std::string_view quoted) {
  if (quoted.empty() || quoted.front() != '"') return {};
  rapidjson::Document doc;
  doc.Parse(quoted.data(), quoted.size());
  if (doc.HasParseError() || !doc.IsString()) return {};
  return std::string(doc.GetString(), doc.GetStringLength());
}

// Reads the elements of the array that starts at the scanner's position, `max_items` at most.
bool scan_array(JsonScanner &s, ScannedPage &page, size_t max_items) {
  if (!s.consume('[')) {
    page.error = "the alert list is not a JSON array";
    return false;
  }
  if (s.consume(']')) return true;
  for (;;) {
    const auto item = s.value();
    if (!item) {
      page.error = "the body ends inside alert " + std::to_string(page.items.size() + 1);
      return false;
    }
    if (page.items.size() == max_items) {
      page.error = "the page holds more than " + std::to_string(max_items) + " alerts";
      return false;
    }
    page.items.push_back(*item);
    if (s.consume(',')) continue;
    if (s.consume(']')) return true;
    page.error = "expected ',' or ']' after alert " + std::to_string(page.items.size());
    return false;
  }
}

bool scan_envelope(JsonScanner &s, ScannedPage &page, size_t max_items) {
  bool saw_value = false;
  if (s.consume('}')) {
    page.error = "the response has no \"value\" array";
    return false;
  }
  for (;;) {
    const auto key = s.string();
    if (!key || !s.consume(':')) {
      page.error = "malformed response object near byte " + std::to_string(s.position());
      return false;
    }
    if (*key == "\"value\"") {
      if (!scan_array(s, page, max_items)) return false;
      saw_value = true;
    } else {
      const auto value = s.value();
      if (!value) {
        page.error = "the body ends inside " + std::string(*key);
        return false;
      }
      if (*key == "\"@odata.nextLink\"") page.next_link = unescape_string(*value);
    }
    if (s.consume(',')) continue;
    if (s.consume('}')) break;
    page.error = "expected ',' or '}' near byte " + std::to_string(s.position());
    return false;
  }
  if (!saw_value) {
    page.error = "the response has no \"value\" array";
    return false;
  }
  return true;
}

}  // namespace

ScannedPage scan_page(std::string_view body, size_t max_items) {
  ScannedPage page;
  JsonScanner s(body);
  s.skip_space();
  bool ok;
  if (s.peek() == '[')
    ok = scan_array(s, page, max_items);
  else if (s.consume('{'))
    ok = scan_envelope(s, page, max_items);
  else {
    page.error = body.empty() ? "the body is empty" : "the body is not JSON";
    ok = false;
  }
  s.skip_space();
  if (ok && !s.at_end()) {
    page.error = "unexpected text after the JSON document";
    ok = false;
  }
  page.complete = ok;
  return page;
}

void one_line_json(std::string_view json, std::string &out) {
  out.clear();
  if (is_plain_json_line(json))
    out.assign(json);
  else
    append_json_line(json, out);
}

}  // namespace defender
