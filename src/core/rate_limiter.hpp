#pragma once
// Rate limits per key (a client address, a mobile number) for what anonymous citizens may do:
// submit requests, ask for one-time codes. GCRA (the generic cell rate algorithm, a token bucket
// stored as one time per key): `limit` actions per `period` on average, `burst` of them at once.
// Memory: one entry per key that is not at rest, at most `max_keys`; when that many keys are
// busy, a new key is refused (a flood from many addresses is then met by refusals, not by
// forgetting whom it already limited). Pure bookkeeping on the injected `Clock`; thread-safe:
// `mutex_` guards `next_`.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hotline::core {

struct RateLimit {
  int limit = 10;                          // actions per period, on average
  std::chrono::seconds period{3600};
  int burst = 5;                           // at once, from rest (1..limit)
  std::size_t max_keys = 100000;
};

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, RateLimit policy);

  // Counts one action of `key`. Errors: rate_limited with `retry_after` and `message` (a Chinese
  // sentence, e.g. "提交过于频繁，请 5 分钟后再试") on `field`.
  [[nodiscard]] Result<void> take(std::string_view key, const std::string& field, const std::string& message);
  std::size_t tracked_keys();

 private:
  const Clock& clock_;
  RateLimit policy_;
  std::chrono::seconds interval_;   // period / limit
  std::chrono::seconds tolerance_;  // interval * (burst - 1)
  std::mutex mutex_;                // guards next_
  std::unordered_map<std::string, Timestamp> next_;  // theoretical arrival time of the next action
};

// "5 分钟" / "30 秒" / "2 小时": how long to wait, for the refusal's sentence.
std::string wait_in_chinese(std::chrono::seconds wait);

}  // namespace hotline::core
