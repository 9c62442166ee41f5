#include "cursor/cursor.h"

#include <algorithm>
#include <atomic>

namespace defender {
namespace {

uint64_t next_cursor_id() {
  static std::atomic<uint64_t> counter{0};
  return ++counter;
}

}  // namespace

CursorState fresh_cursor_state(Instant start) {
  CursorState state;
  state.delivered_position = start;
  return state;
}

Cursor::Cursor(CursorState restored, int64_t late_arrival_seconds, uint64_t acked_after_checkpoint)
    : id_(next_cursor_id()),
      late_arrival_ticks_(late_arrival_seconds * Instant::ticks_per_second),
      delivered_position_(restored.delivered_position),
      acked_sequence_(std::max(restored.acked_sequence, acked_after_checkpoint)),
      next_sequence_(std::max(restored.next_sequence, acked_sequence_ + 1)) {
  for (const auto &mark : restored.marks)
    if (mark.sequence <= acked_sequence_) delivered_position_ = std::max(delivered_position_, mark.complete_below);
  // Emitted but never acknowledged: not delivered, so forgotten and sent again.
  for (const auto &entry : restored.entries) {
    if (entry.sequence <= acked_sequence_) emitted_.emplace(entry.key, entry.sequence);
    next_sequence_ = std::max(next_sequence_, entry.sequence + 1);
  }
  position_ = delivered_position_;
  last_emitted_ = acked_sequence_;
  runs_.push_back({next_sequence_, open_run, next_sequence_ - 1});
}

uint64_t Cursor::begin_run() {
  std::lock_guard lock(mutex_);
  Run &open = runs_.back();
  if (last_emitted_ < open.first)
    runs_.pop_back();
  else
    open.last = last_emitted_;
  runs_.push_back({next_sequence_, open_run, next_sequence_ - 1});
  apply_acknowledged_runs();
  apply_acknowledged_marks();
  return last_emitted_;
}

bool Cursor::was_emitted(VersionKey key) const {
  std::lock_guard lock(mutex_);
  return emitted_.contains(key);
}

uint64_t Cursor::emit(VersionKey key) {
  std::lock_guard lock(mutex_);
  const uint64_t sequence = next_sequence_++;
  emitted_.insert_or_assign(key, sequence);
  last_emitted_ = sequence;
  unsaved_emissions_ = true;
  return sequence;
}

void Cursor::complete_below(Instant instant) {
  std::lock_guard lock(mutex_);
  position_ = std::max(position_, instant);
  if (last_emitted_ <= acked_sequence_) {
    delivered_position_ = std::max(delivered_position_, instant);
  } else if (!marks_.empty() && marks_.back().sequence == last_emitted_) {
    marks_.back().complete_below = std::max(marks_.back().complete_below, instant);
  } else {
    marks_.push_back({last_emitted_, instant});
  }
  unsaved_progress_ = true;
}

uint64_t Cursor::acknowledge(uint64_t sequence) {
  std::lock_guard lock(mutex_);
  if (sequence <= acked_sequence_) return acked_sequence_;
  for (Run &run : runs_) {
    if (run.first <= sequence && sequence <= run.last) {
      run.acked = std::max(run.acked, sequence);
      break;
    }
  }
  const uint64_t before = acked_sequence_;
  apply_acknowledged_runs();
  if (acked_sequence_ != before) {
    apply_acknowledged_marks();
    unsaved_progress_ = true;
  }
  return acked_sequence_;
}

// The sequences between two runs were never posted (a reload forgot them), so a run whose predecessors are all
// acknowledged counts from its own first sequence.
void Cursor::apply_acknowledged_runs() {
  while (!runs_.empty()) {
    const Run &oldest = runs_.front();
    acked_sequence_ = std::max(acked_sequence_, oldest.acked);
    if (oldest.last == open_run || oldest.acked < oldest.last) return;
    runs_.pop_front();
  }
}

bool Cursor::rebase(Instant start) {
  std::lock_guard lock(mutex_);
  if (!emitted_.empty() || !marks_.empty() || last_emitted_ > acked_sequence_) return false;
  position_ = delivered_position_ = start;
  unsaved_progress_ = true;
  return true;
}

bool Cursor::clamp_to(Instant limit) {
  std::lock_guard lock(mutex_);
  bool moved = false;
  const auto clamp = [&](Instant &t) {
    if (limit < t) {
      t = limit;
      moved = true;
    }
  };
  clamp(position_);
  clamp(delivered_position_);
  for (auto &mark : marks_) clamp(mark.complete_below);
  if (moved) unsaved_progress_ = true;
  return moved;
}

void Cursor::apply_acknowledged_marks() {
  while (!marks_.empty() && marks_.front().sequence <= acked_sequence_) {
    delivered_position_ = std::max(delivered_position_, marks_.front().complete_below);
    marks_.pop_front();
  }
}

void Cursor::forget_after(uint64_t last_posted) {
  std::lock_guard lock(mutex_);
  std::erase_if(emitted_, [&](const auto &item) { return item.second > last_posted; });
  std::erase_if(marks_, [&](const auto &mark) { return mark.sequence > last_posted; });
  last_emitted_ = std::min(last_emitted_, last_posted);
  position_ = delivered_position_;
  for (const auto &mark : marks_) position_ = std::max(position_, mark.complete_below);
  unsaved_emissions_ = true;
}

Instant Cursor::position() const {
  std::lock_guard lock(mutex_);
  return position_;
}

Instant Cursor::delivered_position() const {
  std::lock_guard lock(mutex_);
  return delivered_position_;
}

uint64_t Cursor::last_sequence() const {
  std::lock_guard lock(mutex_);
  return last_emitted_;
}

uint64_t Cursor::next_sequence() const {
  std::lock_guard lock(mutex_);
  return next_sequence_;
}

uint64_t Cursor::acked_sequence() const {
  std::lock_guard lock(mutex_);
  return acked_sequence_;
}

bool Cursor::all_acknowledged() const {
  std::lock_guard lock(mutex_);
  return last_emitted_ <= acked_sequence_;
}

size_t Cursor::emitted_count() const {
  std::lock_guard lock(mutex_);
  return emitted_.size();
}

bool Cursor::has_unsaved_emissions() const {
  std::lock_guard lock(mutex_);
  return unsaved_emissions_;
}

bool Cursor::has_unsaved_progress() const {
  std::lock_guard lock(mutex_);
  return unsaved_progress_;
}

CursorState Cursor::snapshot() {
  std::lock_guard lock(mutex_);
  // Versions older than the window the next poll re-reads can never be seen again: forget them here, where the
  // cost of a pass over the set is paid once per checkpoint rather than once per acknowledgement.
  const int64_t oldest_needed = delivered_position_.ticks - late_arrival_ticks_;
  std::erase_if(emitted_, [&](const auto &item) { return item.first.ticks < oldest_needed; });

  CursorState state;
  state.delivered_position = delivered_position_;
  state.acked_sequence = acked_sequence_;
  state.next_sequence = next_sequence_;
  state.marks.assign(marks_.begin(), marks_.end());
  state.entries.reserve(emitted_.size());
  for (const auto &[key, sequence] : emitted_) state.entries.push_back({key, sequence});
  // A fixed order makes equal states serialize to equal bytes.
  std::sort(state.entries.begin(), state.entries.end(), [](const auto &a, const auto &b) {
    return std::tie(a.sequence, a.key.ticks, a.key.id_hash) < std::tie(b.sequence, b.key.ticks, b.key.id_hash);
  });
  unsaved_emissions_ = false;
  unsaved_progress_ = false;
  return state;
}

}  // namespace defender
