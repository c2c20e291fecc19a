#include "storage/sqlite/ticket_query.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/database.hpp"
#include "storage/sqlite/test_support.hpp"

namespace hotline::storage::sqlite {
namespace {

// EXPLAIN QUERY PLAN of every statement of `query`, one line per plan step.
std::vector<std::string> plans(const std::string& path, const core::TicketQuery& query) {
  Connection db(path, ConnectionOptions{.read_only = true});
  std::vector<std::string> out;
  for (const auto& part : plan_list(query)) {
    auto explain = db.statement("EXPLAIN QUERY PLAN " + part.sql);
    for (std::size_t i = 0; i < part.arguments.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      std::visit([&](const auto& value) { explain->bind(index, value); }, part.arguments[i]);
    }
    std::string steps;
    while (explain->step()) steps += explain->column_text(3) + "; ";
    out.push_back(steps);
  }
  return out;
}

class TicketQueryPlan : public ::testing::Test {
 protected:
  TicketQueryPlan() : db_({.path = dir_.file("q.db")}) {}

  // Every statement walks `index` and none sorts: the page comes off the index in id order.
  void expect_walks(const core::TicketQuery& query, const std::string& index) {
    for (const auto& plan : plans(db_.path(), query)) {
      EXPECT_NE(plan.find(index), std::string::npos) << plan;
      EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
    }
  }

  TempDir dir_;
  Database db_;
};

TEST_F(TicketQueryPlan, StateFilterWalksTheStateIndex) {
  core::TicketQuery query;
  query.states = {core::TicketState::dispatched};
  expect_walks(query, "USING INDEX tickets_by_state (state=? AND id<?)");
  query.states = {core::TicketState::dispatched, core::TicketState::closed};
  EXPECT_EQ(plan_list(query).size(), 2u);
  expect_walks(query, "USING INDEX tickets_by_state (state=? AND id<?)");
}

TEST_F(TicketQueryPlan, TypeAndDistrictFiltersWalkTheirIndexes) {
  core::TicketQuery by_type;
  by_type.type = core::TicketType::complaint;
  expect_walks(by_type, "USING INDEX tickets_by_type (type=? AND id<?)");
  core::TicketQuery by_district;
  by_district.district = "440106";
  expect_walks(by_district, "USING INDEX tickets_by_district (district=? AND id<?)");
}

TEST_F(TicketQueryPlan, UnitFilterDrivesFromTicketUnits) {
  core::TicketQuery query;
  query.units = {"a", "b", "c"};
  EXPECT_EQ(plan_list(query).size(), 3u);
  expect_walks(query, "SEARCH u USING PRIMARY KEY (unit_id=? AND ticket_id<?)");
}

TEST_F(TicketQueryPlan, OverdueWalksThePartialOpenIndex) {
  core::TicketQuery query;
  query.overdue = true;
  query.now = core::from_epoch(1'700'000'000);
  expect_walks(query, "tickets_open_by_id");
}

TEST_F(TicketQueryPlan, TextDrivesFromTheBigramIndex) {
  core::TicketQuery query;
  query.text_contains = "噪音";
  query.states = {core::TicketState::closed, core::TicketState::dispatched};
  EXPECT_EQ(plan_list(query).size(), 1u);
  expect_walks(query, "SCAN f VIRTUAL TABLE INDEX");
}

TEST_F(TicketQueryPlan, NoFilterWalksTheRowidNewestFirst) {
  expect_walks({}, "SEARCH t USING INTEGER PRIMARY KEY (rowid<?)");
}

TEST_F(TicketQueryPlan, LargeCreatedRangeTakesIdsFromTheCoveringCreatedIndex) {
  core::TicketQuery query;
  query.created_from = core::from_epoch(1'700'000'000);
  query.created_to = core::from_epoch(1'700'086'400);
  for (const auto& plan : plans(db_.path(), query)) {
    // Only the ids of the range are read from the index (no table rows), then sorted top-N.
    EXPECT_NE(plan.find("COVERING INDEX tickets_by_created (created_at>? AND created_at<?)"), std::string::npos)
        << plan;
  }
  // With another filter the rowid walk (and that filter's checks) remains.
  query.type = core::TicketType::complaint;
  for (const auto& plan : plans(db_.path(), query)) {
    EXPECT_EQ(plan.find("COVERING INDEX tickets_by_created"), std::string::npos) << plan;
  }
}

TEST_F(TicketQueryPlan, SmallCreatedRangeUsesTheCreatedIndex) {
  core::TicketQuery query;
  query.created_from = core::from_epoch(1'700'000'000);
  query.created_to = core::from_epoch(1'700'086'400);
  ASSERT_TRUE(created_range_probe(query).has_value());
  for (const auto& part : plan_list(query, true)) EXPECT_NE(part.sql.find("INDEXED BY tickets_by_created"), std::string::npos);
  query.created_to.reset();
  EXPECT_FALSE(created_range_probe(query).has_value());
}

TEST_F(TicketQueryPlan, DeskFiltersWalkTheirIndexes) {
  core::TicketQuery by_phone;
  by_phone.caller_phone = "13800138000";
  expect_walks(by_phone, "USING INDEX tickets_by_caller_phone (caller_phone_key=? AND id<?)");
  core::TicketQuery by_street;
  by_street.street = "440106001";
  expect_walks(by_street, "USING INDEX tickets_by_street (street=? AND id<?)");
  core::TicketQuery by_channel;
  by_channel.channel = core::Channel::wechat;
  expect_walks(by_channel, "USING INDEX tickets_by_channel (channel=? AND id<?)");
  core::TicketQuery by_urgency;
  by_urgency.urgency = core::Urgency::urgent;
  expect_walks(by_urgency, "USING INDEX tickets_by_urgency (urgency=? AND id<?)");
}

TEST_F(TicketQueryPlan, SmallCategoryRangeUsesTheCategoryIndex) {
  // A category and everything below it is one range of `tickets_by_category`, no table scan.
  core::TicketQuery query;
  query.category_prefix = "城市管理";
  ASSERT_TRUE(category_range_probe(query).has_value());
  for (const auto& part : plan_list(query, false, true)) {
    EXPECT_NE(part.sql.find("INDEXED BY tickets_by_category"), std::string::npos);
    Connection db(db_.path(), ConnectionOptions{.read_only = true});
    auto explain = db.statement("EXPLAIN QUERY PLAN " + part.sql);
    for (std::size_t i = 0; i < part.arguments.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      std::visit([&](const auto& value) { explain->bind(index, value); }, part.arguments[i]);
    }
    std::string steps;
    while (explain->step()) steps += explain->column_text(3) + "; ";
    EXPECT_NE(steps.find("USING INDEX tickets_by_category"), std::string::npos) << steps;
    EXPECT_EQ(steps.find("SCAN t"), std::string::npos) << steps;
  }
  query.category_prefix.clear();
  EXPECT_FALSE(category_range_probe(query).has_value());
}

TEST_F(TicketQueryPlan, DeadlineOrderWalksTheDeadlineIndexFromTheCursor) {
  core::TicketQuery query;
  query.sort = core::TicketSort::deadline;
  expect_walks(query, "USING INDEX tickets_by_deadline");
  query.after_id = 5;
  query.after_deadline = core::from_epoch(1'700'000'000);
  expect_walks(query, "USING INDEX tickets_by_deadline (deadline>?)");
  query.units = {"a", "b"};
  EXPECT_EQ(plan_list(query).size(), 1u);
}

}  // namespace
}  // namespace hotline::storage::sqlite
