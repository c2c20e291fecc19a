#include "core/audit_repository.hpp"

#include <algorithm>

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

class AuditRepositoryConformance : public ConformanceTest {
 protected:
  core::AuditEntry entry(core::TicketId ticket, std::int64_t actor) {
    core::AuditEntry e;
    e.at = core::from_epoch(1700000000 + ticket);
    e.actor_id = actor;
    e.actor = "user" + std::to_string(actor);
    e.role = core::Role::callback_agent;
    e.action = "reveal_contact";
    e.ticket_id = ticket;
    e.reason = "回访";
    return e;
  }
};

TEST_P(AuditRepositoryConformance, AppendsWithIncreasingIdsAndListsNewestFirst) {
  std::vector<std::int64_t> ids;
  for (int i = 1; i <= 5; ++i) {
    auto stored = audit().append(entry(i % 2 == 0 ? 20 : 10, i));
    ASSERT_TRUE(stored) << stored.error().message;
    ids.push_back(stored->id);
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  auto all = audit().list(core::AuditQuery{});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 5u);
  EXPECT_EQ(all->front().id, ids.back());
  EXPECT_EQ(all->front().reason, "回访");
  EXPECT_EQ(all->front().role, core::Role::callback_agent);
  EXPECT_EQ(all->front().at, core::from_epoch(1700000010));
}

TEST_P(AuditRepositoryConformance, FiltersAndCursor) {
  for (int i = 1; i <= 6; ++i) ASSERT_TRUE(audit().append(entry(i % 2 == 0 ? 20 : 10, i % 3)));
  core::AuditQuery by_ticket;
  by_ticket.ticket_id = 20;
  auto twenty = audit().list(by_ticket);
  ASSERT_TRUE(twenty);
  EXPECT_EQ(twenty->size(), 3u);
  for (const auto& e : *twenty) EXPECT_EQ(e.ticket_id, 20);
  core::AuditQuery both;
  both.ticket_id = 20;
  both.actor_id = 0;
  auto narrowed = audit().list(both);
  ASSERT_TRUE(narrowed);
  ASSERT_EQ(narrowed->size(), 1u);  // i = 6
  core::AuditQuery page;
  page.limit = 2;
  auto first = audit().list(page);
  ASSERT_EQ(first->size(), 2u);
  page.before_id = first->back().id;
  auto second = audit().list(page);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_LT(second->front().id, first->back().id);
}

TEST_P(AuditRepositoryConformance, KeepsSubjectBeforeAfterAndFiltersBySubjectPrefix) {
  auto change = [&](std::string subject, std::string before, std::string after) {
    core::AuditEntry e = entry(0, 7);
    e.role = core::Role::admin;
    e.action = "unit_saved";
    e.reason = "";
    e.subject = std::move(subject);
    e.before = std::move(before);
    e.after = std::move(after);
    return e;
  };
  ASSERT_TRUE(audit().append(entry(10, 1)));  // a reveal: no subject
  ASSERT_TRUE(audit().append(change("unit:440106", R"({"name":"天河区"})", R"({"name":"天河"})")));
  ASSERT_TRUE(audit().append(change("calendar:2026", "", R"([{"date":"2026-10-01"}])")));
  ASSERT_TRUE(audit().append(change("unit:440104", "", R"({"name":"越秀区"})")));
  core::AuditQuery units;
  units.subject_prefix = "unit:";
  auto listed = audit().list(units);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].subject, "unit:440104");
  EXPECT_EQ((*listed)[0].before, "");
  EXPECT_EQ((*listed)[1].subject, "unit:440106");
  EXPECT_EQ((*listed)[1].before, R"({"name":"天河区"})");
  EXPECT_EQ((*listed)[1].after, R"({"name":"天河"})");
  core::AuditQuery exact;
  exact.subject_prefix = "calendar:2026";
  auto calendar = audit().list(exact);
  ASSERT_TRUE(calendar);
  ASSERT_EQ(calendar->size(), 1u);
  EXPECT_EQ(calendar->front().after, R"([{"date":"2026-10-01"}])");
  auto all = audit().list(core::AuditQuery{});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 4u);  // reveals stay in the unfiltered list
  EXPECT_EQ(all->back().subject, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditRepositoryConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
