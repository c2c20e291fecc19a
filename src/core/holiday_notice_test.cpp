#include "core/holiday_notice.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using namespace std::chrono;

Date day(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, std::chrono::day{d}}; }

std::string listing(const std::vector<CalendarDay>& days) {
  std::string out;
  for (const auto& d : days) out += format_date(d.date) + (d.off_day ? " off " : " work ") + d.name + "\n";
  return out;
}

TEST(HolidayNotice, ReadsARangeWithItsMakeUpDay) {
  auto days = parse_holiday_notice(2026, "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。");
  ASSERT_TRUE(days.has_value()) << days.error().message;
  EXPECT_EQ(listing(*days),
            "2026-01-01 off 元旦\n2026-01-02 off 元旦\n2026-01-03 off 元旦\n2026-01-04 work 元旦\n");
}

TEST(HolidayNotice, RangesCrossMonthsAndParenthesesWithCommasAreSkipped) {
  auto days = parse_holiday_notice(
      2026, "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。"
            "2月14日（周六）、2月28日（周六）上班。\n五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。");
  ASSERT_TRUE(days.has_value()) << days.error().message;
  ASSERT_EQ(days->size(), 14u);
  EXPECT_EQ((*days)[0].date, day(2026, 2, 15));
  EXPECT_EQ((*days)[8].date, day(2026, 2, 23));
  EXPECT_FALSE((*days)[9].off_day);
  EXPECT_EQ((*days)[10].date, day(2026, 2, 28));
  EXPECT_EQ((*days)[11].date, day(2026, 5, 31));
  EXPECT_EQ((*days)[13].date, day(2026, 6, 2));
  EXPECT_EQ((*days)[13].name, "端午节");
}

TEST(HolidayNotice, SingleDayAndExplicitYearsAndJointNames) {
  auto days = parse_holiday_notice(2019,
                                   "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。\n"
                                   "六、国庆节、中秋节：10月1日放假1天，不调休。");
  ASSERT_TRUE(days.has_value()) << days.error().message;
  EXPECT_EQ(listing(*days),
            "2018-12-30 off 元旦\n2018-12-31 off 元旦\n2019-01-01 off 元旦\n2018-12-29 work 元旦\n"
            "2019-10-01 off 国庆节、中秋节\n");
}

TEST(HolidayNotice, OtherLinesAreIgnored) {
  auto days = parse_holiday_notice(2026,
                                   "国务院办公厅关于2026年部分节假日安排的通知\n各省、自治区、直辖市人民政府：\n"
                                   "　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。\r\n国务院办公厅\n2025年11月4日\n");
  ASSERT_TRUE(days.has_value()) << days.error().message;
  EXPECT_EQ(days->size(), 3u);
}

TEST(HolidayNotice, RejectsWhatIsNotANotice) {
  auto none = parse_holiday_notice(2026, "经国务院批准，现将安排通知如下。");
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().field, "text");

  auto wrong_count = parse_holiday_notice(2026, "三、清明节：4月4日至6日放假，共4天。");
  ASSERT_FALSE(wrong_count.has_value());
  EXPECT_NE(wrong_count.error().message.find("line 1"), std::string::npos) << wrong_count.error().message;

  auto weekday_make_up = parse_holiday_notice(2026, "一、元旦：1月1日至3日放假调休，共3天。1月5日（周一）上班。");
  ASSERT_FALSE(weekday_make_up.has_value());
  EXPECT_NE(weekday_make_up.error().message.find("2026-01-05"), std::string::npos);

  EXPECT_FALSE(parse_holiday_notice(2026, "元旦：2月30日放假1天。").has_value());
  EXPECT_FALSE(parse_holiday_notice(2026, "元旦：5日放假1天。").has_value());        // no month
  EXPECT_FALSE(parse_holiday_notice(2026, "元旦：1月9日至3日放假。").has_value());  // backwards
  EXPECT_FALSE(parse_holiday_notice(2026, "：1月1日放假1天。").has_value());        // no name
  auto bad_year = parse_holiday_notice(1999, "元旦：1月1日放假1天。");
  ASSERT_FALSE(bad_year.has_value());
  EXPECT_EQ(bad_year.error().field, "year");
}

}  // namespace
}  // namespace hotline::core
