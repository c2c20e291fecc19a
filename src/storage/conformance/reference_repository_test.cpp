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
