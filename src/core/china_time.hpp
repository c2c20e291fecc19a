#pragma once
// China Standard Time (UTC+8, no daylight saving): the one clock of the hotline's working days,
// KPI months and wire timestamps, and the ISO 8601 codec built on it. Standard library only, so
// core (calendar, KPI records) and every adapter share this one copy.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace hotline::core {

// China's offset from UTC; the hotline counts days and months in it, and writes it on the wire.
inline constexpr std::chrono::hours kChinaOffset{8};

// The China-time calendar date of an instant.
std::chrono::year_month_day china_date(Timestamp at);
// The instant at which the China-time day `date` starts (00:00 +08:00).
Timestamp china_midnight(std::chrono::year_month_day date);

// The two ISO 8601 dialects the hotline reads. Both take "YYYY-MM-DDTHH:MM:SS" followed by "Z" or
// "+HH:MM"/"-HH:MM".
enum class TimestampSyntax {
  // API requests: 'T' or 't', an optional fraction of a second (truncated), an offset required
  // ('Z', 'z' or one of at most 23:59), seconds up to 59.
  strict,
  // KPI record files: 'T' or ' ' between date and time, no fraction, no offset meaning China
  // time, 'Z' in capitals only, seconds up to 60 (a leap second reads as the next minute's first).
  record,
};

// "2024-05-01T09:30:00+08:00": `at` in China time, at second precision.
std::string format_timestamp(Timestamp at);

// nullopt when `text` is malformed in `syntax`, or not a real date or time of day.
std::optional<Timestamp> parse_timestamp(std::string_view text, TimestampSyntax syntax = TimestampSyntax::strict);

}  // namespace hotline::core
