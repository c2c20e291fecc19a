#include "app/uptime_heartbeat.hpp"

#include <gtest/gtest.h>

#include "storage/memory/kpi_repository.hpp"

namespace hotline::app {
namespace {

using namespace std::chrono;

TEST(UptimeHeartbeat, BeatsRecordNormalServiceTimeInTheKpiCounters) {
  storage::memory::InMemoryKpiRepository kpi;
  core::FixedClock clock(sys_days{year{2024} / 3 / 4} + hours{2});
  UptimeHeartbeat heartbeat(kpi, clock);
  ASSERT_TRUE(heartbeat.beat());  // marks the start only
  clock.advance(seconds{60});
  ASSERT_TRUE(heartbeat.beat());
  clock.advance(seconds{90});
  ASSERT_TRUE(heartbeat.beat());
  auto months = kpi.counters(2024);
  ASSERT_TRUE(months);
  const auto& march = (*months)[2];
  EXPECT_EQ(march[core::KpiCounter::platform_service_seconds], 150);
  EXPECT_EQ(march[core::KpiCounter::platform_normal_seconds], 150);
  EXPECT_EQ((*months)[1][core::KpiCounter::platform_service_seconds], 0);
}

}  // namespace
}  // namespace hotline::app
