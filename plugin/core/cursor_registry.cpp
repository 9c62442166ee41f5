#include "cursor_registry.h"

#include <mutex>
#include <unordered_map>

namespace defender {
namespace {

struct Registry {
  std::mutex mutex;
  std::unordered_map<uint64_t, std::weak_ptr<Cursor>> cursors;
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
  std::erase_if(r.cursors, [](const auto &item) { return item.second.expired(); });
  r.cursors.emplace(cursor->id(), cursor);
}

uint64_t acknowledge_cursor(uint64_t cursor_id, uint64_t sequence) {
  std::shared_ptr<Cursor> cursor;
  {
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.cursors.find(cursor_id);
    if (it == r.cursors.end()) return 0;
    cursor = it->second.lock();
  }
  return cursor ? cursor->acknowledge(sequence) : 0;
}

}  // namespace defender
