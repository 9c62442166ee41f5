#include "alert_reader.h"

#include "bounded_json.h"

namespace defender {

// Room for a typical alert's tree: most alerts parse without a heap allocation. Each parse gets fresh allocators
// over the same memory, because a RapidJSON document re-parsed in place keeps growing its pool.
struct AlertReader::Memory {
  char values[32 * 1024];
  char stack[4 * 1024];

  // Parses the text in place (its strings are unescaped where they stand instead of copied), so the text is spoilt
  // afterwards. It must be followed by a byte the parse may set to NUL for a moment: the alert's own text is always
  // followed by a ',' or ']' of the page, or by the NUL that ends the page's buffer.
  template <class F>
  auto parse_in_place(char *text, size_t size, F &&use) {
    rapidjson::MemoryPoolAllocator<> value_allocator(values, sizeof values);
    rapidjson::MemoryPoolAllocator<> stack_allocator(stack, sizeof stack);
    rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::MemoryPoolAllocator<>>
        document(&value_allocator, sizeof stack, &stack_allocator);
    const char after = text[size];
    text[size] = '\0';
    rapidjson::InsituStringStream stream(text);
    const std::string problem =
        parse_bounded<rapidjson::kParseInsituFlag>(document, stream, alert_json_caps, &stack_allocator);
    text[size] = after;
    return use(document, problem);
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
    char *const text = body.data() + (item.data() - body.data());
    std::optional<std::string> problem;
    memory_->parse_in_place(text, item.size(), [&](const auto &document, const std::string &parse_problem) {
      if (!parse_problem.empty()) {
        problem = "cannot be parsed (" + parse_problem + ")";
        return;
      }
      std::optional<Alert> alert = adapt(document);
      if (!alert) {
        problem = "has no id or no valid update time";
        return;
      }
      alert->raw_json = std::move(raw_json);
      problem = take(std::move(*alert));
    });
    if (!problem) continue;
    if (unreadable.count++ == 0) unreadable.first_problem = "alert " + std::to_string(i + 1) + " " + *problem;
  }
  return unreadable;
}

}  // namespace defender
