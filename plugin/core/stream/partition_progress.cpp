#include "stream/partition_progress.h"

#include <algorithm>
#include <charconv>

namespace defender {

namespace {

constexpr std::string_view metadata_prefix = "defender-stream:1 offset=";
constexpr std::string_view metadata_separator = " acknowledged=";

// A whole non-negative decimal number that fits in T; nothing for anything else.
template <typename T>
std::optional<T> read_number(std::string_view text) {
  T value{};
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

HandOut PartitionProgress::hand_out(int64_t offset, uint32_t records, uint32_t already_acknowledged) {
  if (last_handed_out_ && offset <= *last_handed_out_) return HandOut::not_ascending;
  if (full()) return HandOut::window_full;
  outstanding_.push_back({offset, records, std::min(records, already_acknowledged)});
  last_handed_out_ = offset;
  drop_completed();
  return HandOut::tracked;
}

Acknowledgement PartitionProgress::acknowledge(int64_t offset, uint32_t records) {
  const auto message = std::lower_bound(outstanding_.begin(), outstanding_.end(), offset,
                                        [](const Outstanding &m, int64_t o) { return m.offset < o; });
  if (message == outstanding_.end() || message->offset != offset) return Acknowledgement::unknown_message;
  if (records > message->records - message->acknowledged) return Acknowledgement::too_many;
  message->acknowledged += records;
  drop_completed();
  return Acknowledgement::accepted;
}

std::optional<PartitionPosition> PartitionProgress::position() const {
  if (!outstanding_.empty()) return PartitionPosition{outstanding_.front().offset, outstanding_.front().acknowledged};
  if (last_handed_out_) return PartitionPosition{*last_handed_out_ + 1, 0};
  return std::nullopt;
}

void PartitionProgress::drop_completed() {
  while (!outstanding_.empty() && outstanding_.front().acknowledged == outstanding_.front().records)
    outstanding_.pop_front();
}

std::string encode_commit_metadata(const PartitionPosition &position) {
  if (position.acknowledged_records == 0) return {};
  return std::string(metadata_prefix) + std::to_string(position.offset) + std::string(metadata_separator) +
         std::to_string(position.acknowledged_records);
}

uint32_t records_to_skip(int64_t committed_offset, std::string_view metadata) {
  if (metadata.size() > max_commit_metadata_bytes || !metadata.starts_with(metadata_prefix)) return 0;
  metadata.remove_prefix(metadata_prefix.size());
  const size_t separator = metadata.find(metadata_separator);
  if (separator == std::string_view::npos) return 0;
  const auto offset = read_number<int64_t>(metadata.substr(0, separator));
  const auto records = read_number<uint32_t>(metadata.substr(separator + metadata_separator.size()));
  if (!offset || !records || *offset != committed_offset) return 0;
  return *records;
}

}  // namespace defender
