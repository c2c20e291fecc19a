// Conformance of `core::SettingsRepository` (memory and SQLite): nothing stored until a put, a put
// keeps every field, a second put replaces the first.

#include <gtest/gtest.h>

#include "core/settings_repository.hpp"
#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

class SettingsConformance : public ConformanceTest {};

core::DeadlinePolicy changed_policy() {
  core::DeadlinePolicy policy;
  int days = 3;
  for (auto& [type, value] : policy.working_days) value = days++;
  policy.urgent_hours = 12;
  policy.acknowledge_working_days = 2;
  policy.max_extension_working_days = 45;
  policy.callback_working_days = 4;
  policy.callback_max_attempts = 5;
  return policy;
}

void expect_same(const core::DeadlinePolicy& a, const core::DeadlinePolicy& b) {
  EXPECT_EQ(a.working_days, b.working_days);
  EXPECT_EQ(a.urgent_hours, b.urgent_hours);
  EXPECT_EQ(a.acknowledge_working_days, b.acknowledge_working_days);
  EXPECT_EQ(a.max_extension_working_days, b.max_extension_working_days);
  EXPECT_EQ(a.callback_working_days, b.callback_working_days);
  EXPECT_EQ(a.callback_max_attempts, b.callback_max_attempts);
}

TEST_P(SettingsConformance, NothingIsStoredAtFirst) {
  auto stored = settings().deadline_policy();
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->has_value());
}

TEST_P(SettingsConformance, APutKeepsEveryFieldAndASecondReplacesIt) {
  ASSERT_TRUE(settings().put_deadline_policy(changed_policy()));
  auto stored = settings().deadline_policy();
  ASSERT_TRUE(stored);
  ASSERT_TRUE(stored->has_value());
  expect_same(**stored, changed_policy());

  core::DeadlinePolicy again;
  again.working_days[core::TicketType::complaint] = 7;
  ASSERT_TRUE(settings().put_deadline_policy(again));
  stored = settings().deadline_policy();
  ASSERT_TRUE(stored && stored->has_value());
  expect_same(**stored, again);
}

TEST_P(SettingsConformance, TheKpiConfigIsTheDefaultUntilChanged) {
  EXPECT_EQ(backend().kpi_config().dispatch_limit_seconds, core::KpiConfig{}.dispatch_limit_seconds);
  core::KpiConfig config;
  config.satisfied_levels = {true, true, false, false};
  config.online_response_limit_seconds = 300;
  config.targets[7] = core::KpiTarget{9900, false};
  ASSERT_TRUE(kpi().change_config(config));
  auto now = backend().kpi_config();
  EXPECT_EQ(now.satisfied_levels, config.satisfied_levels);
  EXPECT_EQ(now.online_response_limit_seconds, 300);
  EXPECT_EQ(now.targets[7].basis_points, 9900);
  EXPECT_FALSE(now.targets[7].all_required);
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
