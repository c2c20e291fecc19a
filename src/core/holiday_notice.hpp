#pragma once
// The State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) read into
// calendar days, so a deployment can load next year's calendar the day the notice is published.
// The input is the notice's text; the lines that matter look like
//   一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
//   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
//   一、元旦：1月1日（周三）放假1天，不调休。
// Each such line is "[enumerator、]name：" then sentences ending in "。": the dates before "放假"
// are the holidays (a range with "至", else each date named), the dates of a sentence ending in
// "上班" are make-up working days. Dates are "[YYYY年][M月]D日"; the year defaults to the notice's,
// the month to the previous date's. Text in parentheses (weekday, lunar date) is skipped. Other
// lines (title, preamble, closing paragraph) are ignored. Pure; no I/O.

#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/result.hpp"

namespace hotline::core {

// The days of the notice for `year`, holidays (off_day) and make-up working days, named by their
// holiday, in the order of the text.
// Errors (invalid_argument, field "text", the message naming the line): no holiday line at all, a
// date that is not real or has no month, a range that runs backwards or over 31 days, a count
// ("共N天" or "放假N天") that differs from the days given, a make-up working day that is not a
// Saturday or Sunday, a holiday line with no date before "放假"; `year` outside 2000..2100 (field "year").
[[nodiscard]] Result<std::vector<CalendarDay>> parse_holiday_notice(int year, std::string_view text);

}  // namespace hotline::core
