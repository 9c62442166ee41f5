#include "budgets.h"

#include <algorithm>

#include "number_text.h"

namespace sim {

std::optional<std::vector<BudgetWindow>> parse_budget(std::string_view text) {
  std::vector<BudgetWindow> out;
  if (text == "none") return out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto slash = item.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto limit = parse_number<std::size_t>(item.substr(0, slash), 1, 1'000'000);
    const auto seconds = parse_number<std::int64_t>(item.substr(slash + 1), 1, 86'400);
    if (!limit || !seconds) return std::nullopt;
    out.push_back({*limit, *seconds * kTicksPerSecond});
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string budget_text(const std::vector<BudgetWindow> &windows) {
  if (windows.empty()) return "none";
  std::string out;
  for (const auto &w : windows) {
    if (!out.empty()) out += ',';
    out += std::to_string(w.limit) + '/' + std::to_string(w.length / kTicksPerSecond);
  }
  return out;
}

Budgets::Budgets() {
  constexpr Ticks kMinute = 60 * kTicksPerSecond;
  apis_[static_cast<std::size_t>(Api::Graph)] = {{{150, kMinute}}, true, {}};
  apis_[static_cast<std::size_t>(Api::Incidents)] = {{{150, kMinute}}, true, {}};
  apis_[static_cast<std::size_t>(Api::Alerts)] = {{{100, kMinute}, {1500, 60 * kMinute}}, false, {}};
}

std::optional<Ticks> Budgets::admit(Api api, Ticks now) {
  const std::lock_guard lock(mutex_);
  if (!enabled_) return std::nullopt;
  Ledger &l = apis_[static_cast<std::size_t>(api)];
  if (l.windows.empty()) return std::nullopt;
  Ticks longest = 0;
  for (const auto &w : l.windows) longest = std::max(longest, w.length);
  while (!l.calls.empty() && l.calls.front() <= now - longest) l.calls.pop_front();

  const auto over = [&](const BudgetWindow &w) {
    const auto first = std::upper_bound(l.calls.begin(), l.calls.end(), now - w.length);
    return static_cast<std::size_t>(l.calls.end() - first) >= w.limit;
  };
  const bool refused = std::any_of(l.windows.begin(), l.windows.end(), over);
  if (!refused || l.count_refused) l.calls.push_back(now);
  if (!refused) return std::nullopt;

  // A call made after the wait is admitted: in each full window, enough of the oldest calls will have left it.
  Ticks wait = 0;
  for (const auto &w : l.windows) {
    const auto first = std::upper_bound(l.calls.begin(), l.calls.end(), now - w.length);
    const auto in_window = static_cast<std::size_t>(l.calls.end() - first);
    if (in_window < w.limit) continue;
    const Ticks must_leave = *(first + static_cast<std::ptrdiff_t>(in_window - w.limit));
    wait = std::max(wait, must_leave + w.length - now);
  }
  return wait;
}

void Budgets::set_enabled(bool enabled) {
  const std::lock_guard lock(mutex_);
  enabled_ = enabled;
}

bool Budgets::enabled() const {
  const std::lock_guard lock(mutex_);
  return enabled_;
}

void Budgets::set_windows(Api api, std::vector<BudgetWindow> windows) {
  const std::lock_guard lock(mutex_);
  apis_[static_cast<std::size_t>(api)].windows = std::move(windows);
}

std::vector<BudgetWindow> Budgets::windows(Api api) const {
  const std::lock_guard lock(mutex_);
  return apis_[static_cast<std::size_t>(api)].windows;
}

}  // namespace sim
