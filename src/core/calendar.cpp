#include "core/calendar.hpp"

#include <charconv>
#include <cstdio>

#include "core/china_time.hpp"

namespace hotline::core {
namespace {

int day_number(Date d) { return std::chrono::sys_days{d}.time_since_epoch().count(); }

bool is_weekend(Date d) {
  std::chrono::weekday wd{std::chrono::sys_days{d}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto num = [&](std::string_view part, auto& out) {
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc{} && ptr == part.data() + part.size();
  };
  if (!num(text.substr(0, 4), y) || !num(text.substr(5, 2), m) || !num(text.substr(8, 2), d)) return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

WorkCalendar::WorkCalendar(const std::vector<CalendarDay>& days) {
  for (const auto& day : days) {
    special_[day_number(day.date)] = day.off_day;
    years_.insert(static_cast<int>(day.date.year()));
  }
}

bool WorkCalendar::covers(Date date) const {
  return years_.contains(static_cast<int>(date.year()));
}

std::optional<Date> WorkCalendar::covered_from() const {
  if (years_.empty()) return std::nullopt;
  return Date{std::chrono::year{*years_.begin()}, std::chrono::January, std::chrono::day{1}};
}

std::optional<Date> WorkCalendar::covered_until() const {
  if (years_.empty()) return std::nullopt;
  return Date{std::chrono::year{*years_.rbegin()}, std::chrono::December, std::chrono::day{31}};
}

bool WorkCalendar::beyond_calendar(Timestamp from, Timestamp to) const {
  if (years_.empty()) return false;
  int first = static_cast<int>(local_date(std::min(from, to)).year());
  int last = static_cast<int>(local_date(std::max(from, to)).year());
  for (int y = first; y <= last; ++y)
    if (!years_.contains(y)) return true;
  return false;
}

std::vector<std::string> calendar_warnings(const WorkCalendar& cal, Timestamp now, int horizon_days) {
  auto until = cal.covered_until();
  if (!until) return {"no working-day calendar loaded"};
  auto today = std::chrono::sys_days{WorkCalendar::local_date(now)};
  if (std::chrono::sys_days{*until} - today < std::chrono::days{horizon_days})
    return {"calendar ends " + format_date(*until)};
  return {};
}

bool WorkCalendar::is_working_day(Date date) const {
  auto it = special_.find(day_number(date));
  if (it != special_.end()) return !it->second;
  return !is_weekend(date);
}

Date WorkCalendar::local_date(Timestamp t) {
  return china_date(t);
}

Timestamp WorkCalendar::local_midnight(Date date) {
  return china_midnight(date);
}

Timestamp WorkCalendar::add_working_days(Timestamp from, int n) const {
  std::chrono::sys_days day{local_date(from)};
  int counted = 0;
  // Bounded: even a year of holidays cannot hide n working days beyond n + 400 calendar days.
  for (int guard = 0; counted < n && guard < n + 400; ++guard) {
    day += std::chrono::days{1};
    if (is_working_day(Date{day})) ++counted;
  }
  return local_midnight(Date{day + std::chrono::days{1}}) - std::chrono::seconds{1};
}

int WorkCalendar::working_days_between(Timestamp from, Timestamp to) const {
  if (to <= from) return 0;
  std::chrono::sys_days day{local_date(from)};
  std::chrono::sys_days end{local_date(to)};
  int count = 0;
  while (day < end) {
    day += std::chrono::days{1};
    if (is_working_day(Date{day})) ++count;
  }
  return count;
}

Timestamp handling_deadline(const WorkCalendar& cal, const DeadlinePolicy& policy, TicketType type,
                            Urgency urgency, Timestamp registered_at) {
  if (urgency == Urgency::urgent) return registered_at + std::chrono::hours{policy.urgent_hours};
  auto it = policy.working_days.find(type);
  int days = it == policy.working_days.end() ? 15 : it->second;
  return cal.add_working_days(registered_at, days);
}

}  // namespace hotline::core
