#include "core/quality_repository.hpp"

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

class QualityConformance : public ConformanceTest {
 protected:
  static core::Checklist checklist() {
    return core::Checklist{0, "默认质检表", {{"greeting", "问候语", 10}, {"accuracy", "记录准确", 30}}, true};
  }
  static core::Inspection inspection(core::TicketId ticket, std::int64_t agent, core::Timestamp sampled) {
    core::Inspection i;
    i.ticket_id = ticket;
    i.agent_id = agent;
    i.agent = "agent" + std::to_string(agent);
    i.inspector_id = 9;
    i.inspector = "supervisor";
    i.checklist_id = 1;
    i.period_from = core::from_epoch(1714500000);
    i.period_to = core::from_epoch(1714600000);
    i.seed = 0xfedcba9876543210ULL;
    i.sampled_at = sampled;
    return i;
  }
};

TEST_P(QualityConformance, ChecklistsRoundTripAndUpdate) {
  auto created = quality().create_checklist(checklist());
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_GT(created->id, 0);
  auto second = quality().create_checklist(checklist());
  ASSERT_TRUE(second);
  EXPECT_GT(second->id, created->id);
  auto read = quality().get_checklist(created->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, *created);
  auto changed = *created;
  changed.name = "新表";
  changed.items.push_back({"attitude", "服务态度", 20});
  changed.active = false;
  ASSERT_TRUE(quality().update_checklist(changed));
  auto all = quality().list_checklists();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0], changed);
  EXPECT_EQ(quality().get_checklist(999).error().code, core::ErrorCode::not_found);
  changed.id = 999;
  EXPECT_EQ(quality().update_checklist(changed).error().code, core::ErrorCode::not_found);
}

TEST_P(QualityConformance, TeamsAreReplacedAsAWhole) {
  ASSERT_TRUE(quality().replace_teams({{"二组", {3}}, {"一组", {1, 2}}}));
  ASSERT_TRUE(quality().replace_teams({{"一组", {1, 4}}, {"三组", {}}}));
  auto teams = quality().list_teams();
  ASSERT_TRUE(teams);
  ASSERT_EQ(teams->size(), 2u);
  EXPECT_EQ((*teams)[0], (core::QualityTeam{"一组", {1, 4}}));
  EXPECT_EQ((*teams)[1], (core::QualityTeam{"三组", {}}));
}

TEST_P(QualityConformance, InspectionsAreOnePerTicketAllOrNothing) {
  auto at = core::from_epoch(1714550000);
  auto added = quality().add_inspections({inspection(10, 5, at), inspection(11, 5, at)});
  ASSERT_TRUE(added) << added.error().message;
  ASSERT_EQ(added->size(), 2u);
  EXPECT_LT((*added)[0].id, (*added)[1].id);
  auto read = quality().get_inspection((*added)[0].id);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, (*added)[0]);
  auto again = quality().add_inspections({inspection(12, 5, at), inspection(11, 5, at)});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::conflict);
  auto inspected = quality().inspected_tickets({12, 11, 10, 99});
  ASSERT_TRUE(inspected);
  EXPECT_EQ(*inspected, (std::vector<core::TicketId>{10, 11}));
  EXPECT_EQ(quality().get_inspection(999).error().code, core::ErrorCode::not_found);
}

TEST_P(QualityConformance, ScoreIsRecordedOnceAndFiltersMatch) {
  auto added = quality().add_inspections({inspection(10, 5, core::from_epoch(1000)), inspection(11, 6, core::from_epoch(2000)),
                                          inspection(12, 5, core::from_epoch(3000))});
  ASSERT_TRUE(added);
  auto scored = (*added)[0];
  scored.state = core::InspectionState::scored;
  scored.scores = {{"greeting", 8}, {"accuracy", 30}};
  scored.total = 95.0;
  scored.remarks = "语气亲切";
  scored.scored_at = core::from_epoch(5000);
  scored.inspector_id = 10;
  scored.inspector = "manager";
  ASSERT_TRUE(quality().record_score(scored));
  auto read = quality().get_inspection(scored.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, scored);
  EXPECT_EQ(quality().record_score(scored).error().code, core::ErrorCode::conflict);
  auto missing = scored;
  missing.id = 999;
  EXPECT_EQ(quality().record_score(missing).error().code, core::ErrorCode::not_found);

  core::InspectionQuery all;
  auto listed = quality().list_inspections(all);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ(listed->front().ticket_id, 12);  // newest first
  core::InspectionQuery of_agent;
  of_agent.agent_id = 5;
  of_agent.state = core::InspectionState::pending;
  listed = quality().list_inspections(of_agent);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().ticket_id, 12);
  core::InspectionQuery sampled;
  sampled.sampled_from = core::from_epoch(2000);
  sampled.sampled_to = core::from_epoch(3000);
  listed = quality().list_inspections(sampled);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().ticket_id, 11);
  core::InspectionQuery scored_range;
  scored_range.scored_from = core::from_epoch(4000);
  scored_range.scored_to = core::from_epoch(5001);
  listed = quality().list_inspections(scored_range);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().ticket_id, 10);
  scored_range.scored_to = core::from_epoch(5000);
  listed = quality().list_inspections(scored_range);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, QualityConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
