#include "core/rate_limiter.hpp"

#include <algorithm>

namespace hotline::core {

RateLimiter::RateLimiter(const Clock& clock, RateLimit policy) : clock_(clock), policy_(policy) {
  policy_.limit = std::max(1, policy_.limit);
  policy_.burst = std::clamp(policy_.burst, 1, policy_.limit);
  interval_ = std::max(std::chrono::seconds{1}, policy_.period / policy_.limit);
  tolerance_ = interval_ * (policy_.burst - 1);
}

Result<void> RateLimiter::take(std::string_view key, const std::string& field, const std::string& message) {
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  auto found = next_.find(std::string(key));
  if (found == next_.end()) {
    if (next_.size() >= policy_.max_keys) {
      std::erase_if(next_, [&](const auto& entry) { return entry.second <= now; });  // keys at rest
      if (next_.size() >= policy_.max_keys) {
        Error busy{ErrorCode::rate_limited, message, field, {}};
        busy.retry_after = interval_;
        return busy;
      }
    }
    next_.emplace(std::string(key), now + interval_);
    return {};
  }
  const Timestamp arrival = std::max(found->second, now);
  if (arrival - now > tolerance_) {
    Error refused{ErrorCode::rate_limited, message, field, {}};
    refused.retry_after = std::chrono::duration_cast<std::chrono::seconds>(arrival - tolerance_ - now);
    return refused;
  }
  found->second = arrival + interval_;
  return {};
}

std::size_t RateLimiter::tracked_keys() {
  std::lock_guard lock(mutex_);
  return next_.size();
}

std::string wait_in_chinese(std::chrono::seconds wait) {
  const auto seconds = std::max<std::int64_t>(1, wait.count());
  if (seconds < 60) return std::to_string(seconds) + " 秒";
  if (seconds < 3600) return std::to_string((seconds + 59) / 60) + " 分钟";
  return std::to_string((seconds + 3599) / 3600) + " 小时";
}

}  // namespace hotline::core
