#include "core/login_throttle.hpp"

#include <algorithm>

namespace hotline::core {

LoginThrottle::LoginThrottle(const Clock& clock, LoginThrottlePolicy policy) : clock_(clock), policy_(policy) {}

bool LoginThrottle::forgettable(const Entry& entry, Timestamp now) const {
  return now >= entry.locked_until && now - entry.last_failure >= policy_.forget_after;
}

std::chrono::seconds LoginThrottle::wait(std::string_view key) {
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end() || now >= it->second.locked_until) return std::chrono::seconds{0};
  return it->second.locked_until - now;
}

std::chrono::seconds LoginThrottle::record_failure(std::string_view key) {
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) {
    if (entries_.size() >= policy_.max_keys) {
      std::erase_if(entries_, [&](const auto& item) { return forgettable(item.second, now); });
      if (entries_.size() >= policy_.max_keys) return std::chrono::seconds{0};
    }
    it = entries_.emplace(std::string(key), Entry{}).first;
  }
  Entry& entry = it->second;
  if (forgettable(entry, now)) entry = Entry{};
  ++entry.failures;
  entry.last_failure = now;
  const int beyond = entry.failures - policy_.free_failures;
  if (beyond < 0) return std::chrono::seconds{0};
  // 30 s, 60 s, 120 s, ... up to the ceiling; the shift is bounded so it cannot overflow.
  auto lock_for = policy_.first_lock * (std::int64_t{1} << std::min(beyond, 30));
  lock_for = std::min<std::chrono::seconds>(lock_for, policy_.max_lock);
  entry.locked_until = now + lock_for;
  return lock_for;
}

void LoginThrottle::record_success(std::string_view key) {
  std::lock_guard lock(mutex_);
  entries_.erase(std::string(key));
}

}  // namespace hotline::core
