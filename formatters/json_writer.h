// Writes one line of JSON into a string: objects, arrays, strings, integers and booleans, with no white space. Text
// comes from outside and is written exactly: '"', '\' and every character that could end or hide a line (C0
// controls, DEL, C1, U+2028, U+2029) as escapes, each ill-formed UTF-8 sequence as U+FFFD. Used by format(ocsf).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace defender {

class JsonWriter {
 public:
  explicit JsonWriter(std::string &out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);
  void string(std::string_view text);
  void integer(int64_t number);
  void boolean(bool yes);

  // A member, left out when the text is empty: absent is how OCSF says "not given".
  void member(std::string_view name, std::string_view text);
  void member(std::string_view name, int64_t number);
  // An array of the non-empty strings, left out when there is none.
  void member(std::string_view name, std::span<const std::string> items);

 private:
  void before_value();

  std::string &out_;
  bool comma_ = false;  // a value was written at this level: the next one needs a comma
};

// Appends text as a JSON string literal, quotes included.
void append_json_string(std::string &out, std::string_view text);

}  // namespace defender
