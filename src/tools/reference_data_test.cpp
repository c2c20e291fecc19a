#include "tools/reference_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "storage/memory/reference_repository.hpp"

namespace hotline::tools {
namespace {

TEST(ReferenceData, ShippedDataHasGuangzhouUnitsTaxonomyAndCalendar) {
  auto data = load_reference_data(HOTLINE_DATA_DIR);
  auto count_kind = [&](core::UnitKind kind) {
    return std::count_if(data.units.begin(), data.units.end(), [&](const core::Unit& u) { return u.kind == kind; });
  };
  EXPECT_EQ(count_kind(core::UnitKind::city), 1);
  EXPECT_EQ(count_kind(core::UnitKind::district), 11);
  EXPECT_EQ(count_kind(core::UnitKind::street), 178);
  EXPECT_GE(count_kind(core::UnitKind::department), 40);
  EXPECT_EQ(data.categories.size(), 517u);
  // Every unit's parent exists: the tree validates unit by unit.
  std::vector<core::Unit> so_far;
  for (const auto& unit : data.units) {
    ASSERT_TRUE(core::validate_unit(unit, core::UnitTree(so_far))) << unit.id;
    so_far.push_back(unit);
  }
  core::WorkCalendar calendar(data.calendar_days);
  EXPECT_FALSE(calendar.is_working_day(*core::parse_date("2024-10-01")));
  EXPECT_TRUE(calendar.is_working_day(*core::parse_date("2024-09-29")));  // make-up Sunday
  EXPECT_FALSE(calendar.is_working_day(*core::parse_date("2026-02-17")));  // Spring Festival 2026
}

TEST(ReferenceData, StoresThroughTheRepository) {
  auto data = load_reference_data(HOTLINE_DATA_DIR);
  storage::memory::InMemoryReferenceRepository repo;
  store_reference_data(data, repo);
  EXPECT_EQ(repo.list_units()->size(), data.units.size());
  EXPECT_EQ(repo.list_categories()->size(), data.categories.size());
}

TEST(ReferenceData, BadFilesGiveAClearError) {
  auto dir = std::filesystem::temp_directory_path() / ("hotline-ref-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = (dir / "units.csv").string();
  std::ofstream(file) << "id,parent_id,kind,name\n1,,planet,地球\n";
  try {
    read_units_csv(file);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown unit kind planet"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
  }
  std::ofstream(file) << "{\"days\": 3}";
  EXPECT_THROW(read_holiday_json(file), std::runtime_error);
  EXPECT_THROW(load_reference_data((dir / "missing").string()), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST(ReferenceData, AnyCitysUnitsFromTheDivisionsAreAValidTree) {
  const auto units = city_units(std::string(HOTLINE_DATA_DIR) + "/divisions", "4301");
  ASSERT_EQ(units.size(), 1U + 9U + 172U);  // 长沙市, its districts and streets/towns
  EXPECT_EQ(units.front().id, "4301");
  EXPECT_EQ(units.front().name, "长沙市");
  EXPECT_EQ(units.front().kind, core::UnitKind::city);
  // Parents come first, so each unit validates against the tree built so far.
  std::vector<core::Unit> so_far;
  for (const auto& unit : units) {
    ASSERT_TRUE(core::validate_unit(unit, core::UnitTree(so_far))) << unit.id;
    so_far.push_back(unit);
  }
  const core::UnitTree tree(units);
  EXPECT_TRUE(tree.is_within("430104001", "430104"));  // 望月湖街道 in 岳麓区
  EXPECT_EQ(tree.find("430104")->kind, core::UnitKind::district);
  EXPECT_EQ(city_of(tree), "4301");
  EXPECT_EQ(city_of(core::UnitTree{}), "");
  EXPECT_THROW((void)city_units(std::string(HOTLINE_DATA_DIR) + "/divisions", "9999"), std::runtime_error);
}

// The official notices as published (tests/data/calendar) read into exactly the days of the
// shipped holiday-cn files.
void expect_notice_matches_shipped_year(const std::string& notice, const std::string& json, int year) {
  auto from_notice = read_holiday_notice(std::string(HOTLINE_TEST_DATA_DIR) + "/calendar/" + notice);
  auto shipped = read_holiday_json(std::string(HOTLINE_DATA_DIR) + "/calendar/" + json);
  auto key = [](const core::CalendarDay& d) { return core::format_date(d.date) + (d.off_day ? " off " : " work ") + d.name; };
  std::vector<std::string> got;
  std::vector<std::string> want;
  for (const auto& d : from_notice) got.push_back(key(d));
  for (const auto& d : shipped) want.push_back(key(d));
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  for (const auto& d : from_notice) EXPECT_EQ(static_cast<int>(d.date.year()), year);
}

TEST(ReferenceData, TheStateCouncilNoticesOf2025And2026GiveTheShippedCalendars) {
  expect_notice_matches_shipped_year("notice-2026.txt", "2026.json", 2026);
  expect_notice_matches_shipped_year("notice-2025.txt", "2025.json", 2025);
}

TEST(ReferenceData, ANoticeWithoutATitleNeedsItsYear) {
  EXPECT_EQ(holiday_notice_year("国务院办公厅关于2027年部分节假日安排的通知"), 2027);
  EXPECT_EQ(holiday_notice_year("一、元旦：1月1日放假1天。"), 0);
  auto path = std::filesystem::temp_directory_path() / ("notice-" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(path);
    out << "三、清明节：4月4日（周六）至6日（周一）放假，共3天。\n";
  }
  EXPECT_THROW(read_holiday_notice(path.string()), std::runtime_error);
  auto days = read_holiday_notice(path.string(), 2026);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(core::format_date(days.front().date), "2026-04-04");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace hotline::tools
