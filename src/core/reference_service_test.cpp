#include "core/reference_service.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "storage/memory/reference_repository.hpp"

namespace hotline::core {
namespace {

TEST(ReferenceService, ListenerSeesEverySuccessfulReloadAndNoRefusedEdit) {
  storage::memory::InMemoryReferenceRepository repo;
  ReferenceService reference(repo);
  std::vector<std::size_t> seen;  // units per snapshot the listener was given
  reference.on_reload([&](const ReferenceSnapshot& snapshot) { seen.push_back(snapshot.units.units().size()); });

  ASSERT_TRUE(reference.reload());
  ASSERT_TRUE(reference.save_unit(Unit{"4401", "", UnitKind::city, "广州市", true}));
  ASSERT_TRUE(reference.save_unit(Unit{"440106", "4401", UnitKind::district, "天河区", true}));
  EXPECT_FALSE(reference.save_unit(Unit{"440199", "9999", UnitKind::district, "无父区", true}))
      << "an unknown parent is refused";
  const Actor agent{1, "agent", Role::agent, ""};
  EXPECT_FALSE(reference.save_unit(agent, Unit{"440104", "4401", UnitKind::district, "越秀区", true}))
      << "only admins edit units";

  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(reference.snapshot()->units.units().size(), 2U);
}

TEST(ReferenceService, CategoryEditsAreCheckedBeforeTheyAreStored) {
  storage::memory::InMemoryReferenceRepository repo;
  ReferenceService reference(repo);
  ASSERT_TRUE(reference.import({}, {{"城乡建设", "住房保障", "公租房"}, {"城乡建设", "物业", ""}}, {}));
  const Actor admin{1, "admin", Role::admin, ""};
  const Actor agent{2, "agent", Role::agent, ""};
  EXPECT_EQ(reference.add_category(agent, "", "新类").error().code, ErrorCode::forbidden);
  EXPECT_EQ(reference.add_category(admin, "城乡建设/住房保障/公租房", "一号楼").error().field, "parent");  // four levels
  EXPECT_EQ(reference.add_category(admin, "城乡建设", "物业").error().code, ErrorCode::conflict);
  EXPECT_EQ(reference.add_category(admin, "城乡建设", "住房").value().path(), "城乡建设/住房");

  ASSERT_TRUE(reference.retire_category(admin, "城乡建设/物业", true));
  EXPECT_TRUE(reference.snapshot()->taxonomy.is_retired("城乡建设/物业"));
  auto under_retired = reference.add_category(admin, "城乡建设/物业", "维修");
  ASSERT_FALSE(under_retired);
  EXPECT_EQ(under_retired.error().field, "parent");
  EXPECT_NE(under_retired.error().message.find("retired"), std::string::npos);

  EXPECT_EQ(reference.rename_category(admin, "城乡建设/住房保障", "物业").error().code, ErrorCode::conflict);
  EXPECT_EQ(reference.rename_category(admin, "城乡建设/无此类", "x").error().code, ErrorCode::not_found);
  EXPECT_EQ(reference.rename_category(admin, "城乡建设/住房保障", " 住房/保障").error().field, "name");
  EXPECT_EQ(reference.rename_category(admin, "城乡建设/住房保障", " 保障房 ").value(), "城乡建设/保障房");
  EXPECT_TRUE(reference.snapshot()->taxonomy.is_active("城乡建设/保障房/公租房"));
  EXPECT_FALSE(reference.snapshot()->taxonomy.contains("城乡建设/住房保障"));
}

TEST(ReferenceService, ResettingADayThatIsNotSpecialIsNotFound) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  storage::memory::InMemoryReferenceRepository repo;
  ReferenceService reference(repo);
  const Date labour{year{2024}, month{5}, day{1}};
  ASSERT_TRUE(reference.import({}, {}, {{labour, true, "劳动节"}}));
  const Actor admin{1, "admin", Role::admin, ""};
  EXPECT_FALSE(reference.snapshot()->calendar.is_working_day(labour));
  ASSERT_TRUE(reference.reset_calendar_day(admin, labour));
  EXPECT_TRUE(reference.snapshot()->calendar.is_working_day(labour));  // a Wednesday again
  EXPECT_EQ(reference.reset_calendar_day(admin, labour).error().code, ErrorCode::not_found);
  EXPECT_EQ(reference.reset_calendar_day(Actor{2, "agent", Role::agent, ""}, labour).error().code,
            ErrorCode::forbidden);
}

}  // namespace
}  // namespace hotline::core
