#include "ocsf_stream_row.h"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include "instant.h"

namespace defender {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool is_anything(std::string_view) { return true; }
bool is_integer(std::string_view text) { return canonical_integer(text).has_value(); }
bool is_port(std::string_view text) {
  const auto n = canonical_integer(text);
  return n && *n >= 0 && *n <= 65535;
}
bool is_time(std::string_view text) { return parse_instant(text).has_value(); }

}  // namespace

bool is_email_address(std::string_view text) {
  const size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  const std::string_view local_specials = "!#$%&'*+,-./=?^_`{|}~";
  for (char c : text.substr(0, at))
    if (!is_alnum(c) && local_specials.find(c) == std::string_view::npos) return false;
  const std::string_view domain = text.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 1 == domain.size()) return false;
  return std::all_of(domain.begin(), domain.end(), [](char c) { return is_alnum(c) || c == '-' || c == '.'; });
}

std::optional<int64_t> canonical_integer(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (std::to_string(value) != text) return std::nullopt;
  return value;
}

std::string_view StreamRow::peek(std::string_view column) const {
  const auto at = find(column);
  return at ? std::string_view(record_.properties[*at].value) : std::string_view();
}

std::string_view StreamRow::text(std::string_view column) { return take(column, is_anything); }
std::string_view StreamRow::ip(std::string_view column) { return take(column, is_ip_address); }
std::string_view StreamRow::email(std::string_view column) { return take(column, is_email_address); }
std::optional<int64_t> StreamRow::integer(std::string_view column) {
  return canonical_integer(take(column, is_integer));
}
std::optional<int64_t> StreamRow::port(std::string_view column) { return canonical_integer(take(column, is_port)); }

std::optional<int64_t> StreamRow::time_ms(std::string_view column) {
  const auto instant = parse_instant(take(column, is_time));
  return instant ? std::optional(instant->epoch_milliseconds()) : std::nullopt;
}

void StreamRow::write_unmapped(JsonWriter &json) const {
  std::vector<const StreamProperty *> left;
  std::unordered_set<std::string_view> names;
  for (size_t i = 0; i < mapped_.size(); ++i) {
    const StreamProperty &property = record_.properties[i];
    if (!mapped_[i] && !property.value.empty() && names.insert(property.name).second) left.push_back(&property);
  }
  if (left.empty()) return;
  json.key("unmapped");
  json.begin_object();
  json.key("properties");
  json.begin_object();
  for (const StreamProperty *property : left) json.member(property->name, property->value);
  json.end_object();
  json.end_object();
}

std::optional<size_t> StreamRow::find(std::string_view column) const {
  for (size_t i = 0; i < record_.properties.size(); ++i)
    if (record_.properties[i].name == column) return i;
  return std::nullopt;
}

std::string_view StreamRow::take(std::string_view column, bool (*fits)(std::string_view)) {
  const auto at = find(column);
  if (!at) return {};
  const std::string_view value = record_.properties[*at].value;
  if (!value.empty() && !fits(value)) return {};
  mapped_[*at] = true;
  return value;
}

void Observed::add(std::string_view at, std::string_view attribute, int64_t type_id, std::string_view type,
                   std::string_view value) {
  if (value.empty()) return;
  names_.push_back(std::string(at) + "." + std::string(attribute));
  items_.push_back({names_.back(), type_id, type, value});
}

}  // namespace defender
