#include "served_cursor.h"

#include <algorithm>

namespace sim {

void ServedCursor::note(Api api, std::vector<std::string> page, std::vector<std::string> following) {
  const std::lock_guard lock(mutex_);
  Slot &slot = slots_[static_cast<std::size_t>(api)];
  slot.page = std::move(page);
  slot.following = std::move(following);
  slot.serial = next_serial_++;
}

std::vector<std::string> ServedCursor::take(std::optional<Api> api, bool served, std::size_t n) {
  const std::lock_guard lock(mutex_);
  Slot *slot = api ? &slots_[static_cast<std::size_t>(*api)] : nullptr;
  if (!slot)
    slot = &*std::max_element(slots_.begin(), slots_.end(),
                              [](const Slot &a, const Slot &b) { return a.serial < b.serial; });
  std::vector<std::string> &source = served ? slot->page : slot->following;
  const auto count = static_cast<std::ptrdiff_t>(std::min(n, source.size()));
  std::vector<std::string> out(source.begin(), source.begin() + count);
  source.erase(source.begin(), source.begin() + count);
  return out;
}

}  // namespace sim
