#pragma once
// The official working-day calendar (holidays and make-up working days) and the deadline rules
// built on it. Deadlines are counted in China Standard Time (UTC+8, no DST).

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

using Date = std::chrono::year_month_day;

// One special day: a holiday (`off_day` true) or a make-up working day on a weekend (false).
struct CalendarDay {
  Date date;
  bool off_day = true;
  std::string name;
};

// Parses "YYYY-MM-DD"; nullopt when malformed or not a real date.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);

// Immutable working-day calendar; thread-safe for reads.
// Coverage: the official days come one year at a time (the State Council's notice), so a year is
// covered once any of its special days is loaded. Days of a year not covered are counted as plain
// weekdays; a deadline counted over them is flagged (`beyond_calendar`). A calendar without any
// day claims no coverage and flags nothing (`calendar_warnings` reports it).
class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(const std::vector<CalendarDay>& days);

  bool is_working_day(Date date) const;
  // Local (UTC+8) date of an instant.
  static Date local_date(Timestamp t);
  // The instant at which the local day `date` starts.
  static Timestamp local_midnight(Date date);
  // End of the `n`-th working day after the local day of `from` (n >= 1): the deadline for
  // "within n working days". n == 0 gives the end of `from`'s local day.
  Timestamp add_working_days(Timestamp from, int n) const;
  // Working days strictly between the local days of `from` and `to` plus one if `to` is a working
  // day; 0 when `to` <= `from`.
  int working_days_between(Timestamp from, Timestamp to) const;

  bool empty() const { return years_.empty(); }
  bool covers(Date date) const;
  // The first and last day of the covered years; nullopt for an empty calendar.
  std::optional<Date> covered_from() const;
  std::optional<Date> covered_until() const;
  // True when the local days from `from` to `to` touch a year the calendar does not cover (it
  // counted them as plain weekdays). False for an empty calendar.
  bool beyond_calendar(Timestamp from, Timestamp to) const;

 private:
  std::map<int, bool> special_;  // days since epoch -> off_day
  std::set<int> years_;          // covered years
};

// What an operator must hear about the calendar at `now`: "no working-day calendar loaded", or
// "calendar ends YYYY-MM-DD" when the covered years end within `horizon_days` (or have ended).
std::vector<std::string> calendar_warnings(const WorkCalendar& cal, Timestamp now, int horizon_days = 60);

// Per-deployment deadline rules; defaults are Guangdong's provincial rules (DESIGN.md).
struct DeadlinePolicy {
  std::map<TicketType, int> working_days{
      {TicketType::inquiry, 2},    {TicketType::help, 10},   {TicketType::suggestion, 10},
      {TicketType::complaint, 15}, {TicketType::report, 15}, {TicketType::praise, 10},
  };
  int urgent_hours = 24;
  int acknowledge_working_days = 1;
  int max_extension_working_days = 30;
  // Callbacks: the window after the reply is approved, and how many unreachable attempts close the
  // ticket as unreachable (3 attempts over 2 working days: one a working day).
  int callback_working_days = 2;
  int callback_max_attempts = 3;
};

// Deadline for a ticket registered at `registered_at`. Flag it with `cal.beyond_calendar(registered_at,
// deadline)`.
Timestamp handling_deadline(const WorkCalendar& cal, const DeadlinePolicy& policy, TicketType type,
                            Urgency urgency, Timestamp registered_at);

}  // namespace hotline::core
