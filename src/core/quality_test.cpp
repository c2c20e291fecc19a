#include "core/quality.hpp"

#include <gtest/gtest.h>

#include "core/china_time.hpp"

namespace hotline::core {
namespace {

Checklist demo() {
  return Checklist{1, "默认", {{"greeting", "问候语", 10}, {"accuracy", "记录准确", 30}}, true};
}

TEST(QualityTest, ValidatesChecklistsNamingTheField) {
  EXPECT_TRUE(validate_checklist(demo()));
  auto bad = demo();
  bad.items[1].key = "Bad Key";
  EXPECT_EQ(validate_checklist(bad).error().field, "items[1].key");
  bad = demo();
  bad.items[1].key = "greeting";
  EXPECT_EQ(validate_checklist(bad).error().field, "items[1].key");
  bad = demo();
  bad.items[0].max_points = 0;
  EXPECT_EQ(validate_checklist(bad).error().field, "items[0].max_points");
  bad = demo();
  bad.items.clear();
  EXPECT_EQ(validate_checklist(bad).error().field, "items");
}

TEST(QualityTest, ScoresNeedEveryItemWithinItsMaximum) {
  EXPECT_TRUE(validate_scores(demo(), {{"greeting", 10}, {"accuracy", 0}}, ""));
  EXPECT_EQ(validate_scores(demo(), {{"greeting", 11}, {"accuracy", 0}}, "").error().field, "scores.greeting");
  EXPECT_EQ(validate_scores(demo(), {{"greeting", 1}, {"accuracy", 0}, {"nope", 1}}, "").error().field, "scores.nope");
  EXPECT_EQ(validate_scores(demo(), {{"greeting", 1}}, "").error().field, "scores.accuracy");
  EXPECT_EQ(validate_scores(demo(), {{"greeting", -1}, {"accuracy", 0}}, "").error().field, "scores.greeting");
}

TEST(QualityTest, TotalIsPercentOfMaximumToTwoDecimals) {
  EXPECT_DOUBLE_EQ(total_percent(demo(), {{"greeting", 10}, {"accuracy", 30}}), 100.0);
  EXPECT_DOUBLE_EQ(total_percent(demo(), {{"greeting", 5}, {"accuracy", 20}}), 62.5);
  EXPECT_DOUBLE_EQ(total_percent(demo(), {{"greeting", 1}, {"accuracy", 0}}), 2.5);
  Checklist thirds{1, "x", {{"a", "a", 3}}, true};
  EXPECT_DOUBLE_EQ(total_percent(thirds, {{"a", 1}}), 33.33);
}

TEST(QualityTest, DrawIsReproducibleFromTheSeedAndDistinct) {
  std::vector<TicketId> candidates{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  auto first = draw_sample(candidates, 4, 42);
  EXPECT_EQ(first, draw_sample(candidates, 4, 42));
  ASSERT_EQ(first.size(), 4u);
  std::set<TicketId> distinct(first.begin(), first.end());
  EXPECT_EQ(distinct.size(), 4u);
  bool differs = false;
  for (std::uint64_t seed = 1; seed < 20 && !differs; ++seed) differs = draw_sample(candidates, 4, seed) != first;
  EXPECT_TRUE(differs);
  EXPECT_EQ(draw_sample(candidates, 50, 7).size(), 10u);
  EXPECT_TRUE(draw_sample({}, 5, 7).empty());
}

TEST(QualityTest, MonthlyAveragesPerAgentAndTeam) {
  auto at = [](int day) { return *parse_timestamp("2024-05-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T10:00:00+08:00"); };
  std::vector<Inspection> scored(3);
  scored[0].agent_id = 5; scored[0].agent = "agent"; scored[0].total = 80; scored[0].scored_at = at(2);
  scored[1].agent_id = 5; scored[1].agent = "agent"; scored[1].total = 91; scored[1].scored_at = at(20);
  scored[2].agent_id = 6; scored[2].agent = "b"; scored[2].total = 60; scored[2].scored_at = at(3);
  for (auto& s : scored) s.state = InspectionState::scored;
  auto agents = scores_by_agent(scored);
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(agents[0], (QualityScoreRow{"agent", 5, "2024-05", 85.5, 2}));
  EXPECT_EQ(agents[1], (QualityScoreRow{"b", 6, "2024-05", 60, 1}));
  auto teams = scores_by_team(scored, {{"一组", {5, 6}}, {"二组", {6}}});
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams[0].group, "一组");
  EXPECT_DOUBLE_EQ(teams[0].average, 77.0);
  EXPECT_EQ(teams[0].count, 3);
  EXPECT_EQ(teams[1], (QualityScoreRow{"二组", 0, "2024-05", 60, 1}));
}

}  // namespace
}  // namespace hotline::core
