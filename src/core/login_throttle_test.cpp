#include "core/login_throttle.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using namespace std::chrono;

class LoginThrottleTest : public ::testing::Test {
 protected:
  FixedClock clock_{sys_days{year{2024} / 3 / 4} + hours{2}};
  LoginThrottle throttle_{clock_, LoginThrottlePolicy{}};
};

TEST_F(LoginThrottleTest, FiveFailuresAreFreeThenTheLockDoublesUpToTheCeiling) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(throttle_.record_failure("account:agent"), 0s);
  EXPECT_EQ(throttle_.wait("account:agent"), 0s);
  EXPECT_EQ(throttle_.record_failure("account:agent"), 30s);  // the fifth
  EXPECT_EQ(throttle_.wait("account:agent"), 30s);
  clock_.advance(10s);
  EXPECT_EQ(throttle_.wait("account:agent"), 20s);
  EXPECT_EQ(throttle_.wait("account:other"), 0s);  // keys are independent
  clock_.advance(20s);
  EXPECT_EQ(throttle_.wait("account:agent"), 0s);
  EXPECT_EQ(throttle_.record_failure("account:agent"), 60s);
  clock_.advance(60s);
  EXPECT_EQ(throttle_.record_failure("account:agent"), 120s);
  for (int i = 0; i < 10; ++i) {
    clock_.advance(throttle_.wait("account:agent"));
    throttle_.record_failure("account:agent");
  }
  EXPECT_EQ(throttle_.wait("account:agent"), seconds{minutes{15}});
}

TEST_F(LoginThrottleTest, SuccessAndAQuietHourForgetTheFailures) {
  for (int i = 0; i < 4; ++i) throttle_.record_failure("account:agent");
  throttle_.record_success("account:agent");
  EXPECT_EQ(throttle_.record_failure("account:agent"), 0s);  // counting starts again

  for (int i = 0; i < 5; ++i) throttle_.record_failure("address:10.0.0.1");
  clock_.advance(hours{1});
  EXPECT_EQ(throttle_.wait("address:10.0.0.1"), 0s);
  EXPECT_EQ(throttle_.record_failure("address:10.0.0.1"), 0s);
}

TEST_F(LoginThrottleTest, AFullTableKeepsItsLocksRatherThanForgettingThem) {
  LoginThrottlePolicy small;
  small.max_keys = 2;
  LoginThrottle throttle(clock_, small);
  for (int i = 0; i < 5; ++i) throttle.record_failure("a");
  throttle.record_failure("b");
  EXPECT_EQ(throttle.record_failure("c"), 0s);  // not tracked: the table is full of fresh keys
  EXPECT_EQ(throttle.wait("a"), 30s);
  clock_.advance(hours{2});
  throttle.record_failure("c");  // now "a" and "b" can be forgotten to make room
  for (int i = 0; i < 4; ++i) throttle.record_failure("c");
  EXPECT_GT(throttle.wait("c"), 0s);
}

}  // namespace
}  // namespace hotline::core
