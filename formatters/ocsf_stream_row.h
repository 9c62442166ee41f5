// A stream record's row as format(ocsf) reads it: each column taken as the OCSF type its attribute has (text, an IP
// address, a port, an integer, an e-mail address, a time) and marked once an attribute holds it, so that every
// other column can be written under `unmapped`; and the observables collected on the way.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "json_writer.h"
#include "ocsf_members.h"
#include "stream_record.h"

namespace defender {

class StreamRow {
 public:
  explicit StreamRow(const StreamRecord &record) : record_(record), mapped_(record.properties.size(), false) {}

  // The first column of that name, without marking it; empty when absent or null.
  std::string_view peek(std::string_view column) const;

  // The column's value when it is of the attribute's type, and the column is then mapped; else empty (or nullopt),
  // and the column stays unmapped. A null or empty column is mapped: there is nothing to keep.
  std::string_view text(std::string_view column);
  std::string_view ip(std::string_view column);
  std::string_view email(std::string_view column);
  std::optional<int64_t> integer(std::string_view column);
  std::optional<int64_t> port(std::string_view column);
  std::optional<int64_t> time_ms(std::string_view column);  // an ISO 8601 time, as epoch milliseconds

  // `unmapped.properties`: the columns with a value that no attribute holds, in the row's order; of a name the row
  // repeats, the first. Nothing when there is none.
  void write_unmapped(JsonWriter &json) const;

 private:
  std::optional<size_t> find(std::string_view column) const;
  std::string_view take(std::string_view column, bool (*fits)(std::string_view));

  const StreamRecord &record_;
  std::vector<bool> mapped_;
};

// Observables with the paths of their attributes, built as the objects are written.
class Observed {
 public:
  void add(std::string_view at, std::string_view attribute, int64_t type_id, std::string_view type,
           std::string_view value);
  std::span<const Observable> items() const { return items_; }

 private:
  std::deque<std::string> names_;  // a deque: the observables refer to them
  std::vector<Observable> items_;
};

// An address of OCSF's email_t: a local part, '@', a label, '.', and more of the domain.
bool is_email_address(std::string_view text);

// An integer as JSON writes it, within 64 bits: no "-0", no leading zeros, no exponent.
std::optional<int64_t> canonical_integer(std::string_view text);

}  // namespace defender
