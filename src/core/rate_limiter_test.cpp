#include "core/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

const Timestamp kNow = from_epoch(1'780'000'000);
using std::chrono::seconds;

bool allowed(RateLimiter& limiter, const std::string& key) { return limiter.take(key, "phone", "太频繁").has_value(); }

TEST(RateLimiter, ABurstFromRestThenTheAverageRate) {
  FixedClock clock(kNow);
  RateLimiter limiter(clock, {.limit = 6, .period = seconds{3600}, .burst = 3});  // one per 10 minutes
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(allowed(limiter, "ip:1.2.3.4")) << i;
  auto refused = limiter.take("ip:1.2.3.4", "phone", "提交过于频繁");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(refused.error().field, "phone");
  EXPECT_EQ(refused.error().message, "提交过于频繁");
  EXPECT_EQ(refused.error().retry_after, seconds{600});
  EXPECT_TRUE(allowed(limiter, "ip:5.6.7.8")) << "keys are limited apart";
  clock.advance(seconds{599});
  EXPECT_FALSE(allowed(limiter, "ip:1.2.3.4"));
  clock.advance(seconds{1});
  EXPECT_TRUE(allowed(limiter, "ip:1.2.3.4"));
  EXPECT_FALSE(allowed(limiter, "ip:1.2.3.4"));
  clock.advance(seconds{3600});  // at rest again: the whole burst
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(allowed(limiter, "ip:1.2.3.4")) << i;
  EXPECT_FALSE(allowed(limiter, "ip:1.2.3.4"));
}

TEST(RateLimiter, WhenFullKeysAtRestMakeRoomAndBusyOnesAreKept) {
  FixedClock clock(kNow);
  RateLimiter limiter(clock, {.limit = 1, .period = seconds{60}, .burst = 1, .max_keys = 2});
  EXPECT_TRUE(allowed(limiter, "a"));
  EXPECT_TRUE(allowed(limiter, "b"));
  EXPECT_FALSE(allowed(limiter, "c")) << "two busy keys: a third is refused";
  EXPECT_FALSE(allowed(limiter, "a")) << "and the busy ones stay limited";
  clock.advance(seconds{60});
  EXPECT_TRUE(allowed(limiter, "c"));
  EXPECT_LE(limiter.tracked_keys(), 2u);
}

TEST(RateLimiter, WaitsAreSaidInChinese) {
  EXPECT_EQ(wait_in_chinese(seconds{0}), "1 秒");
  EXPECT_EQ(wait_in_chinese(seconds{45}), "45 秒");
  EXPECT_EQ(wait_in_chinese(seconds{61}), "2 分钟");
  EXPECT_EQ(wait_in_chinese(seconds{7200}), "2 小时");
}

}  // namespace
}  // namespace hotline::core
