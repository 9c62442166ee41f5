#include "stream/envelope_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <memory>
#include <string>
#include <vector>

#include "apis/page_scanner.h"
#include "json/bounded_json.h"
#include "json/json_access.h"
#include "json/json_scanner.h"
#include "json_line.h"
#include "text.h"

namespace defender {
namespace {

constexpr std::string_view category_prefix = "AdvancedHunting-";

// Kept from record to record for their memory.
struct Scratch {
  std::string parsed;            // the record's one-line copy, parsed in place
  rapidjson::StringBuffer json;  // a number or nested value as RapidJSON writes it
  std::vector<size_t> ends;      // where each property's name and value end in its record's text
};

void append_compact_json(const rapidjson::Value &value, rapidjson::StringBuffer &buffer, std::string &out) {
  buffer.Clear();
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);  // recursive, within the record's depth cap
  const std::string_view json(buffer.GetString(), buffer.GetSize());
  if (is_plain_json_line(json))
    out += json;
  else
    append_json_line(json, out);
}

// Appends the property's value to `text` as stream_record.h describes it; returns its kind.
PropertyKind append_value(const rapidjson::Value &value, Scratch &scratch, std::string &text) {
  if (value.IsNull()) return PropertyKind::null;
  if (value.IsString()) {
    text.append(value.GetString(), value.GetStringLength());
    return PropertyKind::string;
  }
  if (value.IsBool()) {
    text += value.GetBool() ? "true" : "false";
    return PropertyKind::boolean;
  }
  append_compact_json(value, scratch.json, text);
  return value.IsNumber() ? PropertyKind::number : PropertyKind::nested;
}

// The names and values go into one text the record shares (stream_record.h); the views into it are made once it has
// its place.
void add_properties(const rapidjson::Value &properties, StreamRecord &record, Scratch &scratch, size_t size_hint) {
  std::string text;
  text.reserve(size_hint);
  scratch.ends.clear();
  record.properties.reserve(properties.MemberCount());
  for (auto member = properties.MemberBegin(); member != properties.MemberEnd(); ++member) {
    text.append(member->name.GetString(), member->name.GetStringLength());
    scratch.ends.push_back(text.size());
    const PropertyKind kind = append_value(member->value, scratch, text);
    scratch.ends.push_back(text.size());
    record.properties.push_back(StreamProperty{{}, {}, kind});
  }
  record.property_text = std::make_shared<const std::string>(std::move(text));
  const std::string_view shared = *record.property_text;
  size_t start = 0;
  for (size_t i = 0; i < record.properties.size(); ++i) {
    const size_t name_end = scratch.ends[2 * i], value_end = scratch.ends[2 * i + 1];
    record.properties[i].name = shared.substr(start, name_end - start);
    record.properties[i].value = shared.substr(name_end, value_end - name_end);
    start = value_end;
  }
}

StreamRecord record_of(const rapidjson::Value &object, std::string raw_json, Scratch &scratch) {
  StreamRecord record;
  record.category = json::text(object, "category");
  record.table =
      record.category.starts_with(category_prefix) ? record.category.substr(category_prefix.size()) : record.category;
  record.time = json::instant(object, "time");
  record.tenant_id = json::text(object, "tenantId");
  if (const rapidjson::Value *properties = json::member(object, "properties"); properties && properties->IsObject()) {
    record.event_time = json::instant(*properties, "Timestamp");
    record.machine_group = json::text(*properties, "MachineGroup");
    record.severity = json::severity_from(json::text(*properties, "Severity"));
    // The names and values take less room than the record's JSON, apart from numbers RapidJSON writes longer.
    add_properties(*properties, record, scratch, raw_json.size());
  }
  record.raw_json = std::move(raw_json);
  return record;
}

class BodyReader {
 public:
  explicit BodyReader(std::string_view body) : body_(body), scanner_(body) {}

  StreamBody read() {
    scanner_.skip_space();
    if (scanner_.at_end())
      fail("the body is empty");
    else if (!scanner_.consume('{'))
      fail("the body is not a JSON object");
    else if (read_envelope())
      finish();
    if (result_.not_read > 0) {
      unparsed("the body holds " + std::to_string(max_records_per_body + result_.not_read) + " records, more than " +
                   std::to_string(max_records_per_body) + ": the last " + std::to_string(result_.not_read) +
                   " are not read",
               body_.substr(first_not_read_));
    }
    for (const StreamRecord &record : result_.records) result_.unparsed += is_unparsed(record) ? 1 : 0;
    return std::move(result_);
  }

 private:
  bool read_envelope() {
    bool saw_records = false;
    if (scanner_.consume('}')) return fail("the body has no \"records\" array");
    for (;;) {
      const auto key = scanner_.string();
      if (!key || !scanner_.consume(':'))
        return fail("malformed body object near byte " + std::to_string(scanner_.position()));
      if (*key == "\"records\"") {
        if (!read_records()) return false;
        saw_records = true;
      } else if (!scanner_.value()) {
        return fail("the body ends inside " + std::string(*key));
      }
      if (scanner_.consume(',')) continue;
      if (scanner_.consume('}')) break;
      return fail("expected ',' or '}' near byte " + std::to_string(scanner_.position()));
    }
    if (!saw_records) return fail("the body has no \"records\" array");
    return true;
  }

  bool read_records() {
    if (!scanner_.consume('[')) return fail("\"records\" is not an array");
    if (scanner_.consume(']')) return true;
    for (size_t n = 1;; ++n) {
      scanner_.skip_space();
      const size_t start = scanner_.position();
      if (n <= max_records_per_body && add_record_in_place(start)) {
        unread_from_ = scanner_.position();
      } else {
        const auto item = scanner_.value();
        if (!item) return fail("the body ends inside record " + std::to_string(n));
        if (n <= max_records_per_body) {
          add_record(*item, n);
          unread_from_ = scanner_.position();
        } else if (result_.not_read++ == 0) {
          first_not_read_ = start;
        }
      }
      if (scanner_.consume(',')) continue;
      if (scanner_.consume(']')) return true;
      return fail("expected ',' or ']' after record " + std::to_string(n));
    }
  }

  void finish() {
    scanner_.skip_space();
    if (scanner_.at_end()) return;
    unread_from_ = scanner_.position();
    fail("unexpected text after the body's JSON object");
  }

  // The common case, read without scanning the record first: a record that parses where it stands, in a copy of the
  // body, and can be kept as sent (is_plain_json_line), is read from that parse, which also finds where it ends. Any
  // other record is left to add_record. A parse changes the copy only behind where it has read, and one that fails
  // stops inside the record (no later than the scanner finds it to end), so the records after it stand as sent.
  bool add_record_in_place(size_t start) {
    if (start >= body_.size() || body_[start] != '{') return false;
    if (in_place_.empty()) in_place_.assign(body_);
    rapidjson::InsituStringStream stream(in_place_.data() + start);
    bool added = false;
    memory_->parse<rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag>(
        stream, stream_record_json_caps, [&](const rapidjson::Value &tree) {
          const std::string_view item = body_.substr(start, stream.Tell());
          if (!is_plain_json_line(item)) return;
          result_.records.push_back(record_of(tree, std::string(item), scratch_));
          added = true;
        });
    if (added) scanner_.skip_to(start + stream.Tell());
    return added;
  }

  void add_record(std::string_view item, size_t n) {
    const std::string which = "record " + std::to_string(n);
    if (!item.starts_with('{')) return unparsed(which + " is not a JSON object", item);
    // Parsed from its one-line copy, which also holds a raw control character inside a string as an escape.
    std::string raw_json;
    one_line_json(item, raw_json);
    // The copy holds no NUL (one_line_json writes one inside a string as an escape and leaves one outside out), so
    // its C string is the whole text. It is parsed in place from a second copy, whose strings the tree views where
    // they stand rather than copying them: raw_json stays as sent, and may be moved from.
    scratch_.parsed.assign(raw_json);
    rapidjson::InsituStringStream stream(scratch_.parsed.data());
    const std::string problem =
        memory_->parse<rapidjson::kParseInsituFlag>(stream, stream_record_json_caps, [&](const rapidjson::Value &tree) {
          result_.records.push_back(record_of(tree, std::move(raw_json), scratch_));
        });
    if (!problem.empty()) return unparsed(which + " cannot be parsed (" + problem + ")", item);
  }

  // Carries what is left of the body from the end of the last record read.
  bool fail(std::string reason) {
    unparsed(std::move(reason), body_.substr(unread_from_));
    return false;
  }

  void unparsed(std::string reason, std::string_view text) {
    StreamRecord record;
    record.parse_error = std::move(reason);
    BoundedText<LineBreaksAsSpaces>(record.unparsed_text, max_unparsed_text).append(text);
    result_.records.push_back(std::move(record));
  }

  std::string_view body_;
  JsonScanner scanner_;
  // Kept from record to record for their memory.
  std::unique_ptr<ParseMemory> memory_ = std::make_unique<ParseMemory>();
  Scratch scratch_;
  std::string in_place_;  // the body, parsed in place record by record (add_record_in_place)
  StreamBody result_;
  size_t unread_from_ = 0;
  size_t first_not_read_ = 0;
};

}  // namespace

StreamBody read_stream_body(std::string_view body) { return BodyReader(body).read(); }

}  // namespace defender
