#include "core/settings_service.hpp"

#include <gtest/gtest.h>

#include "core/china_time.hpp"
#include "storage/memory/audit_repository.hpp"
#include "storage/memory/kpi_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/settings_repository.hpp"
#include "storage/memory/ticket_repository.hpp"

namespace hotline::core {
namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

AuditQuery subject(const char* prefix) {
  AuditQuery query;
  query.subject_prefix = prefix;
  return query;
}

class SettingsServiceTest : public ::testing::Test {
 protected:
  storage::memory::InMemorySettingsRepository settings_repo_;
  storage::memory::InMemoryKpiRepository kpi_repo_;
  storage::memory::InMemoryTicketRepository ticket_repo_;
  storage::memory::InMemoryAuditRepository audit_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  ReferenceService reference_{reference_repo_};
  FixedClock clock_{at("2024-05-06T10:00:00+08:00")};  // a Monday
  TicketService tickets_{ticket_repo_, audit_, reference_, clock_};
  SettingsService service_{settings_repo_, kpi_repo_, tickets_, audit_, clock_};
  Actor admin_{1, "admin", Role::admin, {}};
  Actor manager_{2, "manager", Role::manager, {}};
  Actor supervisor_{3, "supervisor", Role::supervisor, {}};
  Actor agent_{4, "agent", Role::agent, {}};
};

TEST_F(SettingsServiceTest, AdminsChangeManagersAndSupervisorsRead) {
  EXPECT_TRUE(service_.get(manager_));
  EXPECT_TRUE(service_.get(supervisor_));
  EXPECT_EQ(service_.get(agent_).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service_.put_deadlines(manager_, DeadlinePolicy{}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service_.put_kpi(supervisor_, KpiConfig{}).error().code, ErrorCode::forbidden);
}

TEST_F(SettingsServiceTest, ValidationNamesTheField) {
  DeadlinePolicy policy;
  policy.working_days[TicketType::complaint] = 61;
  EXPECT_EQ(service_.put_deadlines(admin_, policy).error().field, "deadlines.working_days.complaint");
  policy = {};
  policy.working_days.erase(TicketType::praise);
  EXPECT_EQ(service_.put_deadlines(admin_, policy).error().field, "deadlines.working_days.praise");
  policy = {};
  policy.urgent_hours = 0;
  EXPECT_EQ(service_.put_deadlines(admin_, policy).error().field, "deadlines.urgent_hours");
  policy = {};
  policy.callback_max_attempts = 11;
  EXPECT_EQ(service_.put_deadlines(admin_, policy).error().field, "deadlines.callback_max_attempts");

  KpiConfig config;
  config.dispatch_limit_seconds = 59;
  EXPECT_EQ(service_.put_kpi(admin_, config).error().field, "kpi.dispatch_limit_seconds");
  config = {};
  config.dispatch_limit_seconds = 7 * 24 * 3600 + 1;
  EXPECT_EQ(service_.put_kpi(admin_, config).error().field, "kpi.dispatch_limit_seconds");
  config = {};
  config.online_response_limit_seconds = 3601;
  EXPECT_EQ(service_.put_kpi(admin_, config).error().field, "kpi.online_response_limit_seconds");
  config = {};
  config.targets[2].basis_points = 10001;
  EXPECT_EQ(service_.put_kpi(admin_, config).error().field, "kpi.targets.dispatch_timeliness");
  config = {};
  config.satisfied_levels = {false, false, false, false};
  EXPECT_EQ(service_.put_kpi(admin_, config).error().field, "kpi.satisfied_levels");
  EXPECT_TRUE(audit_.list(subject("settings:"))->empty());
}

TEST_F(SettingsServiceTest, DeadlineChangeIsStoredAppliedAndAudited) {
  const Timestamp before = tickets_.preview_deadline(TicketType::complaint, Urgency::normal);
  DeadlinePolicy policy;
  policy.working_days[TicketType::complaint] = 5;
  ASSERT_TRUE(service_.put_deadlines(admin_, policy));
  EXPECT_EQ(tickets_.policy()->working_days.at(TicketType::complaint), 5);
  EXPECT_LT(tickets_.preview_deadline(TicketType::complaint, Urgency::normal), before);
  EXPECT_EQ((*settings_repo_.deadline_policy())->working_days.at(TicketType::complaint), 5);
  EXPECT_EQ(service_.get(manager_)->deadlines.working_days.at(TicketType::complaint), 5);

  auto entries = *audit_.list(subject("settings:deadlines"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "settings_changed");
  EXPECT_EQ(entries[0].actor, "admin");
  EXPECT_NE(entries[0].before.find("\"complaint\":15"), std::string::npos);
  EXPECT_NE(entries[0].after.find("\"complaint\":5"), std::string::npos);
}

TEST_F(SettingsServiceTest, LoadTakesTheStoredPolicy) {
  DeadlinePolicy policy;
  policy.urgent_hours = 12;
  ASSERT_TRUE(settings_repo_.put_deadline_policy(policy));
  ASSERT_TRUE(service_.load());
  EXPECT_EQ(tickets_.policy()->urgent_hours, 12);
}

TEST_F(SettingsServiceTest, KpiChangeRebuildsAndIsAudited) {
  KpiConfig config;
  config.dispatch_limit_seconds = 3600;
  config.targets[0] = KpiTarget{9900, false};
  ASSERT_TRUE(service_.put_kpi(admin_, config));
  EXPECT_EQ(kpi_repo_.config().dispatch_limit_seconds, 3600);
  EXPECT_EQ(service_.get(admin_)->kpi.target(KpiKey::platform_availability).basis_points, 9900);
  auto entries = *audit_.list(subject("settings:kpi"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].before.find("\"dispatch_limit_seconds\":7200"), std::string::npos);
  EXPECT_NE(entries[0].after.find("\"dispatch_limit_seconds\":3600"), std::string::npos);
}

}  // namespace
}  // namespace hotline::core
