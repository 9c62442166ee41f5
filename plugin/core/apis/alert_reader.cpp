#include "apis/alert_reader.h"

#include "json/bounded_json.h"

namespace defender {

struct AlertReader::Memory {
  ParseMemory memory;

  // Parses the text in place (its strings are unescaped where they stand instead of copied), so the text is spoilt
  // afterwards. It must be followed by a byte the parse may set to NUL for a moment: the alert's own text is always
  // followed by a ',' or ']' of the page, or by the NUL that ends the page's buffer.
  template <class F>
  std::string parse_in_place(char *text, size_t size, F &&use) {
    const char after = text[size];
    text[size] = '\0';
    rapidjson::InsituStringStream stream(text);
    std::string problem = memory.parse<rapidjson::kParseInsituFlag>(stream, alert_json_caps, use);
    text[size] = after;
    return problem;
  }

  // Parses a copy of the text: its strings are copied into the tree and the text stays as it is.
  template <class F>
  std::string parse_copy(const std::string &text, F &&use) {
    rapidjson::StringStream stream(text.c_str());
    return memory.parse<rapidjson::kParseNoFlags>(stream, alert_json_caps, use);
  }
};

AlertReader::AlertReader() : memory_(std::make_unique<Memory>()) {}
AlertReader::~AlertReader() = default;

UnreadableAlerts AlertReader::read(const ScannedPage &page, std::string &body, const AdaptAlert &adapt,
                                   const TakeAlert &take) {
  UnreadableAlerts unreadable;
  for (size_t i = 0; i < page.items.size(); ++i) {
    const std::string_view item = page.items[i];
    // The alert as the API wrote it is kept first: parsing in place spoils the text.
    std::string raw_json;
    one_line_json(item, raw_json);
    const bool repaired = raw_json != item;
    char *const text = body.data() + (item.data() - body.data());
    std::optional<std::string> problem;
    const auto adapt_tree = [&](const rapidjson::Value &document) {
      std::optional<Record> item = adapt(document);
      if (!item) {
        problem = "has no id or no valid update time";
        return;
      }
      raw_json_of(*item) = std::move(raw_json);
      problem = take(std::move(*item));
    };
    const std::string parse_problem = memory_->parse_in_place(text, item.size(), adapt_tree);
    // RapidJSON refuses a raw control character inside a string, which the repaired copy holds as an escape: the
    // alert is read from that copy, within the same caps. The copy's tree owns its strings, so raw_json may be moved
    // from once it is built.
    if (!parse_problem.empty() && (!repaired || !memory_->parse_copy(raw_json, adapt_tree).empty()))
      problem = "cannot be parsed (" + parse_problem + ")";
    if (!problem) continue;
    if (unreadable.count++ == 0) unreadable.first_problem = "alert " + std::to_string(i + 1) + " " + *problem;
  }
  return unreadable;
}

}  // namespace defender
