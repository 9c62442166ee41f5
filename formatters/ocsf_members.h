// What the OCSF formatters of alerts and incidents (ocsf_format.cpp) and of stream records (ocsf_stream_format.cpp)
// write alike: enumerations with their captions, severity, observables, fingerprints and IP addresses.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "alert.h"
#include "json_writer.h"

namespace defender {

// An OCSF enumeration value: its id and the caption OCSF gives it (or, for 99 Other, the source's own word).
struct Enum {
  int64_t id;
  std::string_view caption;
};

struct Word {
  std::string_view source;  // the source's value, compared without regard to case
  Enum value;
};

bool same_word(std::string_view a, std::string_view b);

// The value for the source's word: 0 Unknown when it gave none, 99 Other with its own word when OCSF has none.
template <size_t N>
Enum lookup(const std::array<Word, N> &words, std::string_view source) {
  if (source.empty()) return {0, "Unknown"};
  for (const Word &word : words)
    if (same_word(word.source, source)) return word.value;
  return {99, source};
}

// informational 1, low 2, medium 3, high 4; a word this module does not know 99 Other with the word; none 0.
Enum severity_of(Severity severity, std::string_view text);

void enum_members(JsonWriter &json, std::string_view id_name, std::string_view caption_name, const Enum &value);

struct Observable {
  std::string_view name;  // the attribute's path in the event
  int64_t type_id;
  std::string_view type;
  std::string_view value;
};

// The `observables` array of those with a value; left out when none has one.
void observables(JsonWriter &json, std::span<const Observable> items);

// An IPv4 or IPv6 address as OCSF's ip_t takes it (at most 40 characters): what else a source calls an address
// goes to `unmapped`.
bool is_ip_address(std::string_view text);

// One fingerprint object of a `hashes` array; nothing for an empty value.
void fingerprint(JsonWriter &json, int64_t algorithm_id, std::string_view algorithm, std::string_view value);

}  // namespace defender
