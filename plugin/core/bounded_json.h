// JSON from outside, parsed without recursion and with a cap on its nesting: no answer can exhaust the thread's stack
// (RapidJSON's default parser recurses once per level, and a 100,000-deep array is 200 KB of text) or build a tree
// deeper than any schema the APIs use.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace defender {

// Graph's evidence, the deepest part of any alert, nests about six levels.
inline constexpr unsigned alert_max_depth = 64;
// Token answers and error bodies are objects of strings, numbers and one inner object.
inline constexpr unsigned small_body_max_depth = 16;

// Passes a reader's events on to a handler (a document), refusing to open a level beyond max_depth.
template <class Handler>
class DepthLimited {
 public:
  using Ch = typename Handler::Ch;

  DepthLimited(Handler &handler, unsigned max_depth) : handler_(handler), max_depth_(max_depth) {}
  bool exceeded() const { return exceeded_; }

  bool Null() { return handler_.Null(); }
  bool Bool(bool b) { return handler_.Bool(b); }
  bool Int(int i) { return handler_.Int(i); }
  bool Uint(unsigned u) { return handler_.Uint(u); }
  bool Int64(int64_t i) { return handler_.Int64(i); }
  bool Uint64(uint64_t u) { return handler_.Uint64(u); }
  bool Double(double d) { return handler_.Double(d); }
  bool RawNumber(const Ch *s, rapidjson::SizeType length, bool copy) { return handler_.RawNumber(s, length, copy); }
  bool String(const Ch *s, rapidjson::SizeType length, bool copy) { return handler_.String(s, length, copy); }
  bool Key(const Ch *s, rapidjson::SizeType length, bool copy) { return handler_.Key(s, length, copy); }
  bool StartObject() { return open() && handler_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { return close() && handler_.EndObject(members); }
  bool StartArray() { return open() && handler_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return close() && handler_.EndArray(elements); }

 private:
  bool open() {
    exceeded_ = ++depth_ > max_depth_;
    return !exceeded_;
  }
  bool close() {
    --depth_;
    return true;
  }

  Handler &handler_;
  unsigned max_depth_;
  unsigned depth_ = 0;
  bool exceeded_ = false;
};

// Parses `stream` into `document` iteratively, `max_depth` levels at most. Returns why it is not one JSON value
// (RapidJSON's reason or the nesting cap, and the byte where parsing stopped); empty when it is. `stack` is the
// allocator for the parser's own stack, as a document's (null: the heap).
template <unsigned flags, class Document, class Stream, class StackAllocator = rapidjson::CrtAllocator>
std::string parse_bounded(Document &document, Stream &stream, unsigned max_depth, StackAllocator *stack = nullptr) {
  using Encoding = typename Document::EncodingType;
  rapidjson::GenericReader<Encoding, Encoding, StackAllocator> reader(stack);
  rapidjson::ParseResult result;
  bool too_deep = false;
  auto generate = [&](Document &handler) {
    DepthLimited<Document> limited(handler, max_depth);
    result = reader.template Parse<flags | rapidjson::kParseIterativeFlag>(stream, limited);
    too_deep = limited.exceeded();
    return !result.IsError();
  };
  document.SetNull();
  document.Populate(generate);
  if (too_deep)
    return "nested deeper than " + std::to_string(max_depth) + " levels at byte " + std::to_string(result.Offset());
  if (result.IsError())
    return std::string(rapidjson::GetParseError_En(result.Code())) + " at byte " + std::to_string(result.Offset());
  return {};
}

// The same for a text that is not parsed in place.
template <class Document>
std::string parse_bounded(Document &document, std::string_view text, unsigned max_depth) {
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<typename Document::EncodingType, rapidjson::MemoryStream> stream(bytes);
  return parse_bounded<rapidjson::kParseNoFlags>(document, stream, max_depth);
}

}  // namespace defender
