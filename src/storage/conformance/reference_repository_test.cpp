// Conformance: core::ReferenceRepository.

#include <gtest/gtest.h>

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

using ReferenceRepositoryConformance = ConformanceTest;
using namespace std::chrono_literals;

TEST_P(ReferenceRepositoryConformance, UnitsAreUpsertedByIdAndListedById) {
  ASSERT_TRUE(reference()
                  .upsert_units({{"440100", "", core::UnitKind::city, "广州市", true},
                                 {"440106", "440100", core::UnitKind::district, "天河区", true},
                                 {"440104", "440100", core::UnitKind::district, "越秀区", true}})
                  .has_value());
  ASSERT_TRUE(reference().upsert_units({{"440104", "440100", core::UnitKind::district, "越秀区（新）", false}}).has_value());
  auto units = reference().list_units();
  ASSERT_TRUE(units.has_value());
  ASSERT_EQ(units->size(), 3u);
  EXPECT_EQ((*units)[0].id, "440100");
  EXPECT_EQ((*units)[0].parent_id, "");
  EXPECT_EQ((*units)[0].kind, core::UnitKind::city);
  EXPECT_EQ((*units)[1].id, "440104");
  EXPECT_EQ((*units)[1].name, "越秀区（新）");
  EXPECT_FALSE((*units)[1].active);
  EXPECT_EQ((*units)[2].name, "天河区");
}

TEST_P(ReferenceRepositoryConformance, CategoriesAreAddedOnceAndListedInOrder) {
  ASSERT_TRUE(reference().add_categories({{"城乡建设", "住房管理", ""}, {"交通运输", "", ""}}).has_value());
  ASSERT_TRUE(reference().add_categories({{"城乡建设", "住房管理", ""}, {"城乡建设", "住房管理", "物业"}}).has_value());
  auto categories = reference().list_categories();
  ASSERT_TRUE(categories.has_value());
  ASSERT_EQ(categories->size(), 3u);
  // Byte order of the UTF-8 levels: 交 (E4 BA A4) < 城 (E5 9F 8E).
  EXPECT_EQ((*categories)[0].path(), "交通运输");
  EXPECT_EQ((*categories)[1].path(), "城乡建设/住房管理");
  EXPECT_EQ((*categories)[2].path(), "城乡建设/住房管理/物业");
}

TEST_P(ReferenceRepositoryConformance, ACategoryIsAddedOnceWithItsRetiredFlag) {
  ASSERT_TRUE(reference().add_category({"城乡建设", "住房管理", "", false}).has_value());
  ASSERT_TRUE(reference().add_category({"城乡建设", "物业", "", true}).has_value());
  auto again = reference().add_category({"城乡建设", "住房管理", "", true});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, core::ErrorCode::conflict);
  auto categories = reference().list_categories();
  ASSERT_TRUE(categories.has_value());
  ASSERT_EQ(categories->size(), 2u);
  EXPECT_EQ((*categories)[0].path(), "城乡建设/住房管理");
  EXPECT_FALSE((*categories)[0].retired);
  EXPECT_EQ((*categories)[1].path(), "城乡建设/物业");
  EXPECT_TRUE((*categories)[1].retired);
}

TEST_P(ReferenceRepositoryConformance, RenamingANodeMovesEverythingUnderItAndNothingElse) {
  ASSERT_TRUE(reference()
                  .add_categories({{"城乡建设", "住房管理", "物业"},
                                   {"城乡建设", "住房管理", "公租房", true},
                                   {"城乡建设", "住房", ""},
                                   {"交通运输", "住房管理", ""}})
                  .has_value());
  ASSERT_TRUE(reference().rename_category("城乡建设/住房管理", "住房保障").has_value());
  auto categories = reference().list_categories();
  ASSERT_TRUE(categories.has_value());
  std::vector<std::string> paths;
  for (const auto& category : *categories) paths.push_back(category.path() + (category.retired ? " (retired)" : ""));
  EXPECT_EQ(paths, (std::vector<std::string>{"交通运输/住房管理", "城乡建设/住房", "城乡建设/住房保障/公租房 (retired)",
                                             "城乡建设/住房保障/物业"}));
  ASSERT_TRUE(reference().rename_category("城乡建设", "城乡").has_value());
  categories = reference().list_categories();
  ASSERT_TRUE(categories.has_value());
  ASSERT_EQ(categories->size(), 4u);
  EXPECT_EQ((*categories)[3].path(), "城乡/住房保障/物业");
}

TEST_P(ReferenceRepositoryConformance, RenamingOntoAnExistingPathOrAnUnknownNodeIsRefused) {
  ASSERT_TRUE(reference().add_categories({{"城乡建设", "住房管理", "物业"}, {"城乡建设", "物业", "维修"}}).has_value());
  auto taken = reference().rename_category("城乡建设/住房管理", "物业");
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().code, core::ErrorCode::conflict);
  auto unknown = reference().rename_category("城乡建设/噪音", "噪声");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::not_found);
  auto malformed = reference().rename_category("城乡建设//物业", "x");
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().code, core::ErrorCode::invalid_argument);
  auto categories = reference().list_categories();
  ASSERT_TRUE(categories.has_value());
  EXPECT_EQ((*categories)[0].path(), "城乡建设/住房管理/物业");
  EXPECT_EQ((*categories)[1].path(), "城乡建设/物业/维修");
}

TEST_P(ReferenceRepositoryConformance, RetiringANodeRetiresEverythingUnderItAndRestoringUndoesIt) {
  ASSERT_TRUE(reference()
                  .add_categories({{"城乡建设", "住房管理", "物业"}, {"城乡建设", "住房管理", ""}, {"城乡建设", "安全", ""}})
                  .has_value());
  ASSERT_TRUE(reference().set_category_retired("城乡建设/住房管理", true).has_value());
  auto categories = reference().list_categories();
  ASSERT_TRUE(categories.has_value());
  ASSERT_EQ(categories->size(), 3u);
  EXPECT_TRUE((*categories)[0].retired);   // 城乡建设/住房管理
  EXPECT_TRUE((*categories)[1].retired);   // 城乡建设/住房管理/物业
  EXPECT_FALSE((*categories)[2].retired);  // 城乡建设/安全
  ASSERT_TRUE(reference().set_category_retired("城乡建设", false).has_value());
  categories = reference().list_categories();
  ASSERT_TRUE(categories.has_value());
  for (const auto& category : *categories) EXPECT_FALSE(category.retired) << category.path();
  auto unknown = reference().set_category_retired("交通运输", true);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::not_found);
}

TEST_P(ReferenceRepositoryConformance, ASpecialDayIsResetToAnOrdinaryDay) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  core::Date national{year{2024}, month{10}, day{1}};
  core::Date makeup{year{2024}, month{9}, day{29}};
  ASSERT_TRUE(reference().upsert_calendar_days({{national, true, "国庆节"}, {makeup, false, "国庆节调休"}}).has_value());
  ASSERT_TRUE(reference().remove_calendar_day(makeup).has_value());
  auto days = reference().list_calendar_days();
  ASSERT_TRUE(days.has_value());
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].date, national);
  auto again = reference().remove_calendar_day(makeup);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, core::ErrorCode::not_found);
}

TEST_P(ReferenceRepositoryConformance, CalendarDaysAreUpsertedByDate) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  core::Date national{year{2024}, month{10}, day{1}};
  core::Date makeup{year{2024}, month{9}, day{29}};
  ASSERT_TRUE(reference().upsert_calendar_days({{national, true, "国庆节"}, {makeup, false, "国庆节调休"}}).has_value());
  ASSERT_TRUE(reference().upsert_calendar_days({{national, true, "国庆"}}).has_value());
  auto days = reference().list_calendar_days();
  ASSERT_TRUE(days.has_value());
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ((*days)[0].date, makeup);
  EXPECT_FALSE((*days)[0].off_day);
  EXPECT_EQ((*days)[1].date, national);
  EXPECT_TRUE((*days)[1].off_day);
  EXPECT_EQ((*days)[1].name, "国庆");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferenceRepositoryConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
