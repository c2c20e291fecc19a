#include "tools/demo_seed.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tools/reference_data.hpp"
#include "core/workflow.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/ticket_repository.hpp"

namespace hotline::tools {
namespace {

class DemoSeedTest : public ::testing::Test {
 protected:
  DemoSeedTest() : reference_(reference_repo_) {
    store_reference_data(load_reference_data(HOTLINE_DATA_DIR), reference_repo_);
    EXPECT_TRUE(reference_.reload());
    std::int64_t id = 1;
    for (const auto& account : demo_accounts()) {
      core::Actor actor{id++, account.username, account.role, account.unit_id};
      if (account.role == core::Role::unit_handler) {
        actors_.handlers[account.unit_id] = actor;
      } else {
        actors_.by_role[account.role] = actor;
      }
    }
  }

  std::vector<core::ImportedTicket> build(int count, std::uint32_t seed) {
    DemoOptions options;
    options.ticket_count = count;
    options.seed = seed;
    options.now = core::from_epoch(1732406400);  // 2024-11-24
    auto messages = read_demo_messages(std::string(HOTLINE_DATA_DIR) + "/demo/messages.csv");
    return build_demo_tickets(messages, *reference_.snapshot(), core::DeadlinePolicy{}, actors_, options);
  }

  storage::memory::InMemoryReferenceRepository reference_repo_;
  core::ReferenceService reference_;
  DemoActors actors_;
};

TEST_F(DemoSeedTest, TicketsCoverTheLifecycleAndAreProjectionsOfTheirEvents) {
  auto tickets = build(1500, 7);
  ASSERT_EQ(tickets.size(), 1500u);
  std::set<core::TicketState> states;
  int returned = 0;
  int co_opinions = 0;
  int co_handled_replied = 0;
  for (const auto& imported : tickets) {
    states.insert(imported.ticket.state);
    for (const auto& co : imported.ticket.co_handling) co_opinions += co.opinion.empty() ? 0 : 1;
    // The lead's reply waits for its co-handling units' opinions: co-handled tickets get replied too.
    if (!imported.ticket.co_handling.empty() && !imported.ticket.reply.empty()) ++co_handled_replied;
    returned += imported.ticket.wrong_dispatch_count;
    core::Ticket rebuilt = core::project(imported.events);
    EXPECT_EQ(rebuilt.state, imported.ticket.state);
    EXPECT_EQ(rebuilt.version, static_cast<std::int64_t>(imported.events.size()));
    EXPECT_FALSE(imported.ticket.title.empty());
  }
  for (auto expected : {core::TicketState::closed, core::TicketState::archived, core::TicketState::dispatched,
                        core::TicketState::in_progress, core::TicketState::replied, core::TicketState::callback_pending}) {
    EXPECT_TRUE(states.count(expected)) << core::to_string(expected);
  }
  EXPECT_GT(returned, 0);
  EXPECT_GT(co_opinions, 0);
  EXPECT_GT(co_handled_replied, 0);
}

TEST_F(DemoSeedTest, DeterministicForASeedAndImportable) {
  auto a = build(200, 42);
  auto b = build(200, 42);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].ticket.state, b[i].ticket.state);
    EXPECT_EQ(a[i].ticket.caller.phone, b[i].ticket.caller.phone);
  }
  storage::memory::InMemoryTicketRepository repo;
  auto ids = repo.import_tickets(a);
  ASSERT_TRUE(ids);
  EXPECT_EQ(ids->size(), 200u);
  auto history = repo.history(ids->back());
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), a.back().events.size());
}

TEST(DemoPlaces, TownsAfterTheDistrictBecomeTheTicketsStreet) {
  EXPECT_EQ(localise_towns("反映南沙区星沙镇泉塘街道板桥小区夜宵一条街噪音扰民", "南沙区", "南沙街道"),
            "反映南沙区南沙街道板桥小区夜宵一条街噪音扰民");
  EXPECT_EQ(localise_towns("请求关闭南沙区江背镇砖田新村，南沙区黄阁镇也有", "南沙区", "南沙街道"),
            "请求关闭南沙区南沙街道砖田新村，南沙区南沙街道也有");
  // Not after the district, or no town name: kept; no street: kept.
  EXPECT_EQ(localise_towns("表扬温泉镇工作人员，南沙区茶叶市场", "南沙区", "南沙街道"), "表扬温泉镇工作人员，南沙区茶叶市场");
  EXPECT_EQ(localise_towns("南沙区星沙镇", "南沙区", ""), "南沙区星沙镇");
  EXPECT_EQ(localise_towns("南沙区", "南沙区", "南沙街道"), "南沙区");
}

TEST(DemoPlaces, AnonymisedPlacesBecomeTheTicketsGuangzhouDistrict) {
  std::map<std::string, std::string> mapping;
  std::vector<std::string> others{"越秀区", "海珠区"};
  EXPECT_EQ(localise_places("投诉A市A1区苑物业违规收停车费", "天河区", others, mapping), "投诉广州市天河区苑物业违规收停车费");
  // Same token, same name (title to text); a second district token gets another district.
  EXPECT_EQ(localise_places("A1区蔡锷南路A2区华庭，K市M2县的亲戚", "天河区", others, mapping),
            "天河区蔡锷南路越秀区华庭，广州市海珠区的亲戚");
  // Latin words, building blocks and numbers are not places.
  std::map<std::string, std::string> fresh;
  EXPECT_EQ(localise_places("BoBo水上乐园，GDP增长，B座3栋", "天河区", others, fresh), "BoBo水上乐园，GDP增长，B座3栋");
  EXPECT_TRUE(fresh.empty());
}

TEST_F(DemoSeedTest, TicketsNameTheirGuangzhouPlaceAndPraiseIsPraise) {
  auto tickets = build(600, 7);
  const auto& units = reference_.snapshot()->units;
  int praise = 0;
  int naming_their_district = 0;
  auto anonymised = [](const std::string& s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
      if (s[i] < 'A' || s[i] > 'Z') continue;
      std::size_t j = i + 1;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      auto suffix = s.substr(j, 3);
      if (suffix == "市" || (j > i + 1 && (suffix == "区" || suffix == "县"))) return true;
    }
    return false;
  };
  for (const auto& imported : tickets) {
    const auto& t = imported.ticket;
    EXPECT_FALSE(anonymised(t.title)) << t.title;
    EXPECT_FALSE(anonymised(t.text)) << t.text;
    const auto* district = units.find(t.place.district);
    ASSERT_NE(district, nullptr);
    bool names_district = t.text.find(district->name) != std::string::npos || t.title.find(district->name) != std::string::npos;
    naming_their_district += names_district ? 1 : 0;
    if (t.type == core::TicketType::praise) {
      ++praise;
      EXPECT_TRUE(t.title.find("表扬") != std::string::npos || t.title.find("感谢") != std::string::npos ||
                  t.title.find("点赞") != std::string::npos)
          << t.title;
      EXPECT_NE(t.text.find("表扬"), std::string::npos) << t.text;
      EXPECT_TRUE(names_district) << t.text;
      EXPECT_EQ(t.text.find("投诉"), std::string::npos) << t.text;
      if (const auto* street = units.find(t.place.street)) {
        EXPECT_NE(t.text.find(street->name), std::string::npos);
      }
    }
  }
  EXPECT_GT(praise, 10);
  // Most messages name a place; each now names the ticket's district.
  EXPECT_GT(naming_their_district, static_cast<int>(tickets.size()) / 2);
}

}  // namespace
}  // namespace hotline::tools

namespace hotline::tools {
namespace {

TEST(DemoQuality, TheDefaultChecklistIsValidAndWorthAHundredPoints) {
  auto checklist = demo_quality_checklist();
  EXPECT_TRUE(core::validate_checklist(checklist));
  int max = 0;
  for (const auto& item : checklist.items) max += item.max_points;
  EXPECT_EQ(max, 100);
  EXPECT_EQ(checklist.items.front().label, "问候语");
}

}  // namespace
}  // namespace hotline::tools
