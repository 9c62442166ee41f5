#include "cursor/cursor_registry.h"

#include <mutex>
#include <unordered_map>

namespace defender {
namespace {

struct Registry {
  std::mutex mutex;
  std::unordered_map<uint64_t, std::shared_ptr<Cursor>> cursors;

  // A cursor only the registry holds (its source stopped) is let go once nothing of it awaits acknowledgement.
  void forget_finished() {
    std::erase_if(cursors,
                  [](const auto &item) { return item.second.use_count() == 1 && item.second->all_acknowledged(); });
  }
};

// Built on first use, not at load: syslog-ng loads every module at start-up, used or not.
Registry &registry() {
  static Registry r;
  return r;
}

}  // namespace

void register_cursor(const std::shared_ptr<Cursor> &cursor) {
  Registry &r = registry();
  std::lock_guard lock(r.mutex);
  r.forget_finished();
  r.cursors.emplace(cursor->id(), cursor);
}

std::optional<uint64_t> acknowledge_cursor(uint64_t cursor_id, uint64_t sequence) {
  std::shared_ptr<Cursor> cursor;
  {
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.cursors.find(cursor_id);
    if (it == r.cursors.end()) return std::nullopt;
    cursor = it->second;
  }
  const uint64_t acked = cursor->acknowledge(sequence);
  if (cursor.use_count() == 2 && cursor->all_acknowledged()) {
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    cursor.reset();
    r.forget_finished();
  }
  return acked;
}

}  // namespace defender
