#include "core/calendar.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using namespace std::chrono;

Date day(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, std::chrono::day{d}}; }

// 2024 National Day: 1-7 October off, Sunday 29 September and Saturday 12 October worked.
WorkCalendar national_day_2024() {
  std::vector<CalendarDay> days;
  for (unsigned d = 1; d <= 7; ++d) days.push_back({day(2024, 10, d), true, "国庆节"});
  days.push_back({day(2024, 9, 29), false, "国庆节"});
  days.push_back({day(2024, 10, 12), false, "国庆节"});
  return WorkCalendar(days);
}

// An instant given in China Standard Time.
Timestamp cst(Date d, int hour, int minute = 0) {
  return WorkCalendar::local_midnight(d) + hours{hour} + minutes{minute};
}

TEST(WorkCalendar, WeekendsHolidaysAndMakeUpDays) {
  auto cal = national_day_2024();
  EXPECT_TRUE(cal.is_working_day(day(2024, 9, 27)));   // Friday
  EXPECT_FALSE(cal.is_working_day(day(2024, 9, 28)));  // Saturday
  EXPECT_TRUE(cal.is_working_day(day(2024, 9, 29)));   // Sunday, make-up working day
  EXPECT_FALSE(cal.is_working_day(day(2024, 10, 3)));  // Thursday, holiday
  EXPECT_TRUE(cal.is_working_day(day(2024, 10, 12)));  // Saturday, make-up working day
  EXPECT_FALSE(cal.is_working_day(day(2024, 10, 13)));
}

TEST(WorkCalendar, AddWorkingDaysSkipsTheHoliday) {
  auto cal = national_day_2024();
  // Monday 30 September, 10:00: two working days later is Wednesday 9 October, end of day.
  EXPECT_EQ(cal.add_working_days(cst(day(2024, 9, 30), 10), 2), cst(day(2024, 10, 9), 23, 59) + seconds{59});
  // Saturday 28 September: the make-up Sunday counts as the first working day.
  EXPECT_EQ(cal.add_working_days(cst(day(2024, 9, 28), 9), 1), cst(day(2024, 9, 29), 23, 59) + seconds{59});
}

TEST(WorkCalendar, LocalDateUsesChinaStandardTime) {
  // 2024-09-30 17:00 UTC is already 1 October in Guangzhou.
  Timestamp t = sys_days{day(2024, 9, 30)} + hours{17};
  EXPECT_EQ(WorkCalendar::local_date(t), day(2024, 10, 1));
}

TEST(WorkCalendar, WorkingDaysBetween) {
  auto cal = national_day_2024();
  EXPECT_EQ(cal.working_days_between(cst(day(2024, 9, 30), 9), cst(day(2024, 10, 9), 9)), 2);
  EXPECT_EQ(cal.working_days_between(cst(day(2024, 10, 9), 9), cst(day(2024, 9, 30), 9)), 0);
}

TEST(DeadlinePolicy, DefaultsFollowTicketTypeAndUrgency) {
  auto cal = national_day_2024();
  DeadlinePolicy policy;
  Timestamp registered = cst(day(2024, 9, 26), 15);  // Thursday
  EXPECT_EQ(handling_deadline(cal, policy, TicketType::inquiry, Urgency::normal, registered),
            cal.add_working_days(registered, 2));
  EXPECT_EQ(handling_deadline(cal, policy, TicketType::complaint, Urgency::normal, registered),
            cal.add_working_days(registered, 15));
  EXPECT_EQ(handling_deadline(cal, policy, TicketType::complaint, Urgency::urgent, registered), registered + hours{24});
}

TEST(ParseDate, AcceptsRealDatesOnly) {
  EXPECT_EQ(parse_date("2024-02-29"), day(2024, 2, 29));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2024-2-9"));
  EXPECT_FALSE(parse_date("2024-13-01"));
  EXPECT_EQ(format_date(day(2024, 2, 9)), "2024-02-09");
}

TEST(WorkCalendar, KnowsTheYearsItCoversAndFlagsDeadlinesCountedPastThem) {
  auto cal = national_day_2024();
  EXPECT_TRUE(cal.covers(day(2024, 1, 1)));
  EXPECT_FALSE(cal.covers(day(2025, 1, 1)));
  EXPECT_EQ(cal.covered_from(), day(2024, 1, 1));
  EXPECT_EQ(cal.covered_until(), day(2024, 12, 31));
  auto december = cst(day(2024, 12, 20), 10);
  auto within = cal.add_working_days(december, 5);  // 27 December
  auto past = cal.add_working_days(december, 15);   // into January 2025, not covered
  EXPECT_FALSE(cal.beyond_calendar(december, within));
  EXPECT_TRUE(cal.beyond_calendar(december, past));
  EXPECT_TRUE(cal.beyond_calendar(cst(day(2025, 3, 3), 9), cst(day(2025, 3, 4), 9)));
  // No days at all: no coverage claimed, nothing flagged.
  WorkCalendar empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.covered_until(), std::nullopt);
  EXPECT_FALSE(empty.beyond_calendar(december, past));
}

TEST(WorkCalendar, WarnsWhenTheCalendarEndsWithinSixtyDays) {
  auto cal = national_day_2024();
  EXPECT_TRUE(calendar_warnings(cal, cst(day(2024, 10, 31), 12)).empty());  // 61 days left
  EXPECT_EQ(calendar_warnings(cal, cst(day(2024, 11, 2), 12)), std::vector<std::string>{"calendar ends 2024-12-31"});
  EXPECT_EQ(calendar_warnings(cal, cst(day(2025, 2, 1), 12)), std::vector<std::string>{"calendar ends 2024-12-31"});
  EXPECT_EQ(calendar_warnings(WorkCalendar{}, cst(day(2024, 5, 1), 12)),
            std::vector<std::string>{"no working-day calendar loaded"});
}

}  // namespace
}  // namespace hotline::core
