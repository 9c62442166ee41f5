// JSON from outside, parsed without recursion and with caps on its nesting and its number of values: no answer can
// exhaust the thread's stack (RapidJSON's default parser recurses once per level, and a 100,000-deep array is 200 KB of
// text), build a tree deeper than any schema the APIs use, or build a tree many times the size of its text (a value
// takes 16 bytes in the tree and can be 2 in the text: "0,").
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace defender {

// How far one parse may go. Every value counts, a member's name too: it takes a value's room in the tree.
struct JsonCaps {
  unsigned max_depth;
  size_t max_values;
};

// Graph's evidence, the deepest part of any alert, nests about six levels. An evidence entity holds 50 to 100 values
// and a documented example alert 250 in all: 200,000 is room for some 2,000 entities, and keeps a hostile alert's tree
// (built on the parser's stack, then moved) under about 7 MB, where 64 MiB of "0," would take over a gigabyte.
inline constexpr JsonCaps alert_json_caps{64, 200'000};
// A Streaming API record is one Advanced Hunting row: a flat object of at most a few hundred columns, a few of them
// small arrays or objects (IP address lists), nested four or five levels in all. 20,000 values is room for a hundred
// times that, and keeps a hostile record's tree under about 1 MB.
inline constexpr JsonCaps stream_record_json_caps{32, 20'000};
// Token answers and error bodies are objects of strings, numbers and one inner object, a few dozen values; a token's
// claims hold at most a few hundred (groups beyond 200 are left out of a token).
inline constexpr JsonCaps small_body_json_caps{16, 10'000};

// Passes a reader's events on to a handler (a document), refusing to open a level beyond the depth cap or to add a
// value beyond the value cap.
template <class Handler>
class Capped {
 public:
  using Ch = typename Handler::Ch;
  enum class Exceeded { none, depth, values };

  Capped(Handler &handler, JsonCaps caps) : handler_(handler), caps_(caps) {}
  Exceeded exceeded() const { return exceeded_; }

  bool Null() { return add() && handler_.Null(); }
  bool Bool(bool b) { return add() && handler_.Bool(b); }
  bool Int(int i) { return add() && handler_.Int(i); }
  bool Uint(unsigned u) { return add() && handler_.Uint(u); }
  bool Int64(int64_t i) { return add() && handler_.Int64(i); }
  bool Uint64(uint64_t u) { return add() && handler_.Uint64(u); }
  bool Double(double d) { return add() && handler_.Double(d); }
  bool RawNumber(const Ch *s, rapidjson::SizeType length, bool copy) {
    return add() && handler_.RawNumber(s, length, copy);
  }
  bool String(const Ch *s, rapidjson::SizeType length, bool copy) { return add() && handler_.String(s, length, copy); }
  bool Key(const Ch *s, rapidjson::SizeType length, bool copy) { return add() && handler_.Key(s, length, copy); }
  bool StartObject() { return add() && open() && handler_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { return close() && handler_.EndObject(members); }
  bool StartArray() { return add() && open() && handler_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return close() && handler_.EndArray(elements); }

 private:
  bool add() {
    if (++values_ <= caps_.max_values) return true;
    exceeded_ = Exceeded::values;
    return false;
  }
  bool open() {
    if (++depth_ <= caps_.max_depth) return true;
    exceeded_ = Exceeded::depth;
    return false;
  }
  bool close() {
    --depth_;
    return true;
  }

  Handler &handler_;
  JsonCaps caps_;
  unsigned depth_ = 0;
  size_t values_ = 0;
  Exceeded exceeded_ = Exceeded::none;
};

// Parses `stream` into `document` iteratively, within `caps`. Returns why it is not one JSON value (RapidJSON's
// reason or the cap it would pass, and the byte where parsing stopped); empty when it is. `stack` is the allocator for
// the parser's own stack, as a document's (null: the heap).
template <unsigned flags, class Document, class Stream, class StackAllocator = rapidjson::CrtAllocator>
std::string parse_bounded(Document &document, Stream &stream, JsonCaps caps, StackAllocator *stack = nullptr) {
  using Encoding = typename Document::EncodingType;
  using Exceeded = typename Capped<Document>::Exceeded;
  rapidjson::GenericReader<Encoding, Encoding, StackAllocator> reader(stack);
  rapidjson::ParseResult result;
  Exceeded exceeded = Exceeded::none;
  auto generate = [&](Document &handler) {
    Capped<Document> capped(handler, caps);
    result = reader.template Parse<flags | rapidjson::kParseIterativeFlag>(stream, capped);
    exceeded = capped.exceeded();
    return !result.IsError();
  };
  document.SetNull();
  document.Populate(generate);
  if (!result.IsError()) return {};
  const std::string at = " at byte " + std::to_string(result.Offset());
  if (exceeded == Exceeded::depth) return "nested deeper than " + std::to_string(caps.max_depth) + " levels" + at;
  if (exceeded == Exceeded::values) return "more than " + std::to_string(caps.max_values) + " values" + at;
  return std::string(rapidjson::GetParseError_En(result.Code())) + at;
}

// Memory for parsing one JSON text after another: room for a typical alert's or record's tree and for the parser's
// stack, so that most parses make no heap allocation. 40 KB: keep it on the heap.
class ParseMemory {
 public:
  // Parses `stream` within `caps` and gives the tree to `use` if it is one JSON value; the tree lives until `use`
  // returns. Returns why not; empty when it was used. Each parse gets fresh allocators over the same memory, because a
  // RapidJSON document re-parsed in place keeps growing its pool.
  template <unsigned flags, class Stream, class Use>
  std::string parse(Stream &stream, JsonCaps caps, Use &&use) {
    rapidjson::MemoryPoolAllocator<> value_allocator(values_, sizeof values_);
    rapidjson::MemoryPoolAllocator<> stack_allocator(stack_, sizeof stack_);
    // The document's stack takes half the stack memory, the parser's starts in the rest: a document asking for all of
    // it would not fit beside the pool's own header, and each parse would allocate both stacks from the heap.
    rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::MemoryPoolAllocator<>>
        document(&value_allocator, sizeof stack_ / 2, &stack_allocator);
    std::string problem = parse_bounded<flags>(document, stream, caps, &stack_allocator);
    if (problem.empty()) use(static_cast<const rapidjson::Value &>(document));
    return problem;
  }

 private:
  char values_[32 * 1024];
  char stack_[8 * 1024];
};

// The same for a text that is not parsed in place.
template <class Document>
std::string parse_bounded(Document &document, std::string_view text, JsonCaps caps) {
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<typename Document::EncodingType, rapidjson::MemoryStream> stream(bytes);
  return parse_bounded<rapidjson::kParseNoFlags>(document, stream, caps);
}

}  // namespace defender
