// Which names were seen before, for a line that writes each name once: an open-addressing table sized once for the
// names to come, so that telling costs a hash and no allocation per name (a std::unordered_set<std::string> allocates
// a node and a string for each).
#pragma once

#include <bit>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace defender {

class SeenNames {
 public:
  // Room for `most` different names: no more may be inserted.
  explicit SeenNames(size_t most) : slots_(std::bit_ceil(2 * most + 2)) { text_.reserve(most * typical_name_bytes); }

  // Whether the name is new; it is remembered (copied) when it is.
  bool insert(std::string_view name) {
    Slot &slot = slots_[slot_of(name)];
    if (slot.used) return false;
    slot = {text_.size(), name.size(), true};
    text_ += name;
    return true;
  }

  bool contains(std::string_view name) const { return slots_[slot_of(name)].used; }

 private:
  struct Slot {
    size_t start = 0;  // in text_
    size_t size = 0;
    bool used = false;
  };
  // The index of the name's slot, or of the empty one where it would go.
  size_t slot_of(std::string_view name) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = std::hash<std::string_view>{}(name)&mask;; i = (i + 1) & mask) {
      const Slot &slot = slots_[i];
      if (!slot.used || std::string_view(text_).substr(slot.start, slot.size) == name) return i;
    }
  }

  // Room for the names up front, so that the copies rarely grow the text (each growth copies all of it).
  static constexpr size_t typical_name_bytes = 24;
  std::vector<Slot> slots_;  // at least half empty, so a probe always ends
  std::string text_;         // the names, one after another
};

}  // namespace defender
