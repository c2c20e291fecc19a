#include "core/quality_service.hpp"

#include <gtest/gtest.h>

#include "core/china_time.hpp"
#include "storage/memory/audit_repository.hpp"
#include "storage/memory/quality_repository.hpp"
#include "storage/memory/ticket_repository.hpp"
#include "storage/memory/user_repository.hpp"

namespace hotline::core {
namespace {

Timestamp at(const char* text) { return *parse_timestamp(text); }

class QualityServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    agent_ = *users_.create_user(User{0, "agent", "", Role::agent, {}, "x", true, {}, {}});
    other_ = *users_.create_user(User{0, "agent2", "", Role::agent, {}, "x", true, {}, {}});
    for (int i = 0; i < 6; ++i) add_ticket(agent_.id, at("2024-05-02T10:00:00+08:00"));
    add_ticket(other_.id, at("2024-05-02T10:00:00+08:00"));
    add_ticket(agent_.id, at("2024-06-02T10:00:00+08:00"));
    checklist_ = *service_.create_checklist(admin_, Checklist{0, "默认", {{"greeting", "问候语", 10}, {"accuracy", "记录准确", 30}}, true});
  }
  void add_ticket(std::int64_t by, Timestamp created) {
    Ticket t;
    t.title = "路灯不亮";
    t.text = "天河路路灯不亮";
    t.created_at = created;
    t.created_by = by;
    TicketEvent e;
    e.actor_id = by;
    e.at = created;
    ASSERT_TRUE(tickets_.create(t, e));
  }
  SampleRequest may(int size) {
    return SampleRequest{agent_.id, at("2024-05-01T00:00:00+08:00"), at("2024-06-01T00:00:00+08:00"), size, checklist_.id, 7};
  }

  storage::memory::InMemoryQualityRepository quality_;
  storage::memory::InMemoryTicketRepository tickets_;
  storage::memory::InMemoryUserRepository users_;
  storage::memory::InMemoryAuditRepository audit_;
  FixedClock clock_{at("2024-06-10T09:00:00+08:00")};
  QualityService service_{quality_, tickets_, users_, audit_, clock_};
  Actor admin_{1, "admin", Role::admin, {}};
  Actor supervisor_{2, "supervisor", Role::supervisor, {}};
  User agent_;
  User other_;
  Checklist checklist_;
};

TEST_F(QualityServiceTest, OnlyAdminsEditChecklistsAndTeams) {
  EXPECT_EQ(service_.create_checklist(supervisor_, checklist_).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service_.replace_teams(supervisor_, {}).error().code, ErrorCode::forbidden);
  auto bad = service_.replace_teams(admin_, {{"一组", {agent_.id, 999}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "teams[0].member_ids");
  ASSERT_TRUE(service_.replace_teams(admin_, {{"一组", {agent_.id}}}));
  auto entries = *audit_.list({});
  EXPECT_EQ(entries.front().action, "quality_teams_replaced");
}

TEST_F(QualityServiceTest, SupervisorsAndManagersListTheActiveAgentsOnly) {
  auto retired = *users_.create_user(User{0, "agent0", "", Role::agent, {}, "x", false, {}, {}});
  ASSERT_TRUE(users_.create_user(User{0, "dispatcher", "", Role::dispatcher, {}, "x", true, {}, {}}));
  for (const auto& actor : {supervisor_, Actor{3, "manager", Role::manager, {}}}) {
    auto agents = service_.agents(actor);
    ASSERT_TRUE(agents) << agents.error().message;
    ASSERT_EQ(agents->size(), 2u);
    EXPECT_EQ((*agents)[0].username, "agent");
    EXPECT_EQ((*agents)[0].id, agent_.id);
    EXPECT_EQ((*agents)[1].username, "agent2");
    for (const auto& a : *agents) EXPECT_NE(a.id, retired.id);
  }
  EXPECT_EQ(service_.agents(admin_).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service_.agents(Actor{agent_.id, "agent", Role::agent, {}}).error().code, ErrorCode::forbidden);
}

TEST_F(QualityServiceTest, DrawsOnlyTheAgentsUninspectedTicketsOfThePeriodReproducibly) {
  Actor agent{agent_.id, "agent", Role::agent, {}};
  EXPECT_EQ(service_.draw(agent, may(2)).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service_.draw(supervisor_, may(0)).error().field, "size");
  EXPECT_EQ(service_.draw(supervisor_, may(51)).error().field, "size");
  auto first = service_.draw(supervisor_, may(4));
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 4u);
  std::vector<TicketId> drawn;
  for (const auto& i : *first) {
    EXPECT_EQ(i.agent_id, agent_.id);
    EXPECT_EQ(i.seed, 7u);
    EXPECT_LE(i.ticket_id, 6);  // the other agent's (7) and June's (8) are outside
    drawn.push_back(i.ticket_id);
  }
  EXPECT_EQ(drawn, draw_sample({1, 2, 3, 4, 5, 6}, 4, 7));
  auto rest = service_.draw(supervisor_, may(50));
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->size(), 2u);
  EXPECT_EQ(service_.draw(supervisor_, may(1)).error().code, ErrorCode::conflict);
  EXPECT_EQ(audit_.list({})->front().action, "quality_sampled");
}

TEST_F(QualityServiceTest, ScoringIsFinalAndAgentsSeeOnlyTheirOwn) {
  auto drawn = *service_.draw(supervisor_, may(2));
  auto id = drawn[0].id;
  EXPECT_EQ(service_.score(supervisor_, id, {{"greeting", 11}, {"accuracy", 0}}, "").error().field, "scores.greeting");
  auto scored = service_.score(supervisor_, id, {{"greeting", 10}, {"accuracy", 20}}, "好");
  ASSERT_TRUE(scored) << scored.error().message;
  EXPECT_DOUBLE_EQ(scored->total, 75.0);
  EXPECT_EQ(service_.score(supervisor_, id, {{"greeting", 10}, {"accuracy", 20}}, "").error().code, ErrorCode::conflict);

  Actor agent{agent_.id, "agent", Role::agent, {}};
  Actor other{other_.id, "agent2", Role::agent, {}};
  EXPECT_EQ(service_.score(agent, drawn[1].id, {{"greeting", 1}, {"accuracy", 1}}, "").error().code, ErrorCode::forbidden);
  EXPECT_EQ(service_.inspections(agent, {})->size(), 2u);
  EXPECT_TRUE(service_.inspections(other, {})->empty());
  EXPECT_EQ(service_.inspection(other, id).error().code, ErrorCode::forbidden);
  auto detail = service_.inspection(agent, id);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->ticket.title, "路灯不亮");
  EXPECT_EQ(service_.scores(agent, ScoreGrouping::agent, {}, {}).error().code, ErrorCode::forbidden);
  auto rows = service_.scores(supervisor_, ScoreGrouping::agent, {}, {});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0], (QualityScoreRow{"agent", agent_.id, "2024-06", 75.0, 1}));
}

}  // namespace
}  // namespace hotline::core
