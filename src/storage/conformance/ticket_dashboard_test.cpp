// Conformance: `core::TicketRepository::dashboard`, the management dashboard's aggregates. Every
// backend counts the same tickets the same way (day range, open-for-handling, nearly-due share,
// district filter, ordering of the lists).

#include <gtest/gtest.h>

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

using core::TicketState;
using namespace std::chrono_literals;

// A China-time midnight (2024-05-06T00:00+08:00); "now" is noon of that day.
const core::Timestamp kDay = core::from_epoch(1'714'924'800);
const core::Timestamp kNoon = kDay + 12h;

struct Spec {
  core::Timestamp created_at;
  core::Timestamp deadline;
  TicketState state;
  core::Channel channel;
  core::TicketType type;
  std::string category;
  std::string district;
  std::string lead_unit;
};

class TicketDashboardConformance : public ConformanceTest {
 protected:
  void seed() {
    const std::vector<Spec> specs{
        // 1: today 00:10, not open.
        {kDay + 10min, kDay + 100h, TicketState::registered, core::Channel::phone, core::TicketType::complaint,
         "城乡建设/住房管理", "440106", ""},
        // 2: today 09:30, open with 97.5 of 100 hours left: neither overdue nor nearly due.
        {kDay + 9h + 30min, kDay + 109h + 30min, TicketState::dispatched, core::Channel::wechat,
         core::TicketType::inquiry, "城乡建设/住房管理", "440104", "unit-a"},
        // 3: today 09:00, overdue at noon.
        {kDay + 9h, kDay + 10h, TicketState::in_progress, core::Channel::phone, core::TicketType::complaint,
         "交通/道路", "440106", "unit-b"},
        // 4: yesterday, 1 of 33 hours left: nearly due, not today's intake.
        {kDay - 20h, kDay + 13h, TicketState::acknowledged, core::Channel::phone, core::TicketType::help,
         "交通/道路", "440106", "unit-b"},
        // 5: closed long ago: nothing.
        {kDay - 30h, kDay - 1h, TicketState::closed, core::Channel::phone, core::TicketType::help, "交通/道路",
         "440104", "unit-a"},
        // 6: the next day's first second: not today's intake.
        {kDay + 24h, kDay + 48h, TicketState::registered, core::Channel::phone, core::TicketType::help, "交通/道路",
         "440104", ""},
        // 7: today 23:59, no category, no district.
        {kDay + 23h + 59min, kDay + 48h, TicketState::registered, core::Channel::web, core::TicketType::complaint, "",
         "", ""},
        // 8: old, open, overdue.
        {kDay - 100h, kDay - 50h, TicketState::extension_requested, core::Channel::phone, core::TicketType::help,
         "交通/道路", "440104", "unit-a"},
    };
    for (const auto& spec : specs) {
      core::Ticket t;
      t.type = spec.type;
      t.channel = spec.channel;
      t.title = "工单";
      t.text = "正文";
      t.place.district = spec.district;
      t.category = spec.category;
      t.state = spec.state;
      t.created_at = spec.created_at;
      t.updated_at = spec.created_at;
      t.deadline = spec.deadline;
      t.lead_unit = spec.lead_unit;
      t.version = 1;
      core::TicketEvent event;
      event.action = core::Action::register_ticket;
      event.actor_id = 7;
      event.actor = "agent7";
      event.role = core::Role::agent;
      event.at = spec.created_at;
      ASSERT_TRUE(tickets().create(t, event).has_value());
    }
  }

  core::DashboardFigures figures(std::optional<core::UnitId> district = std::nullopt, int top = 10) {
    core::DashboardQuery query;
    query.day_start = kDay;
    query.now = kNoon;
    query.district = std::move(district);
    query.top_categories = top;
    auto result = tickets().dashboard(query);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return result ? *result : core::DashboardFigures{};
  }
};

std::vector<std::pair<std::string, std::int64_t>> pairs(const std::vector<core::KeyCount>& counts) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& count : counts) out.emplace_back(count.key, count.count);
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::int64_t>>;

TEST_P(TicketDashboardConformance, EmptyRepositoryCountsNothing) {
  auto empty = figures();
  EXPECT_EQ(empty.intake, 0);
  EXPECT_TRUE(empty.by_channel.empty());
  EXPECT_TRUE(empty.units.empty());
  EXPECT_TRUE(empty.districts.empty());
}

TEST_P(TicketDashboardConformance, CountsTheDaysIntakeAndTheOpenTicketsDeadlines) {
  seed();
  auto all = figures();
  EXPECT_EQ(all.intake, 4);
  EXPECT_EQ(pairs(all.by_channel), (Pairs{{"phone", 2}, {"web", 1}, {"wechat", 1}}));
  EXPECT_EQ(pairs(all.by_type), (Pairs{{"complaint", 3}, {"inquiry", 1}}));
  std::array<std::int64_t, 24> hours{};
  hours[0] = 1;
  hours[9] = 2;
  hours[23] = 1;
  EXPECT_EQ(all.by_hour, hours);
  EXPECT_EQ(pairs(all.top_categories), (Pairs{{"城乡建设/住房管理", 2}, {"交通/道路", 1}}));
  ASSERT_EQ(all.units.size(), 2u);
  EXPECT_EQ(all.units[0].unit, "unit-b");  // 1 overdue, 1 nearly due
  EXPECT_EQ(all.units[0].overdue, 1);
  EXPECT_EQ(all.units[0].nearly_due, 1);
  EXPECT_EQ(all.units[1].unit, "unit-a");  // 1 overdue; ticket 2 has time left
  EXPECT_EQ(all.units[1].overdue, 1);
  EXPECT_EQ(all.units[1].nearly_due, 0);
  ASSERT_EQ(all.districts.size(), 2u);
  EXPECT_EQ(all.districts[0].district, "440104");
  EXPECT_EQ(all.districts[0].intake, 1);
  EXPECT_EQ(all.districts[0].open, 2);
  EXPECT_EQ(all.districts[0].overdue, 1);
  EXPECT_EQ(all.districts[1].district, "440106");
  EXPECT_EQ(all.districts[1].intake, 2);
  EXPECT_EQ(all.districts[1].open, 2);
  EXPECT_EQ(all.districts[1].overdue, 1);
}

TEST_P(TicketDashboardConformance, DistrictFiltersEveryFigure) {
  seed();
  auto tianhe = figures("440106");
  EXPECT_EQ(tianhe.intake, 2);
  EXPECT_EQ(pairs(tianhe.by_channel), (Pairs{{"phone", 2}}));
  EXPECT_EQ(pairs(tianhe.by_type), (Pairs{{"complaint", 2}}));
  EXPECT_EQ(tianhe.by_hour[0], 1);
  EXPECT_EQ(tianhe.by_hour[9], 1);
  EXPECT_EQ(tianhe.by_hour[23], 0);
  // A tie is ordered by key (UTF-8 bytes: 交 before 城).
  EXPECT_EQ(pairs(tianhe.top_categories), (Pairs{{"交通/道路", 1}, {"城乡建设/住房管理", 1}}));
  ASSERT_EQ(tianhe.units.size(), 1u);
  EXPECT_EQ(tianhe.units[0].unit, "unit-b");
  ASSERT_EQ(tianhe.districts.size(), 1u);
  EXPECT_EQ(tianhe.districts[0].district, "440106");
  EXPECT_EQ(figures("999999").intake, 0);
}

TEST_P(TicketDashboardConformance, TopCategoriesAreCutAndTheirCountIsChecked) {
  seed();
  EXPECT_EQ(pairs(figures(std::nullopt, 1).top_categories), (Pairs{{"城乡建设/住房管理", 2}}));
  core::DashboardQuery query;
  query.top_categories = 0;
  auto refused = tickets().dashboard(query);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Backends, TicketDashboardConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
