#pragma once
// Wire format of reference data: units, categories, the working-day calendar and deadline
// previews. Pure functions; safe from any thread.

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/reference_repository.hpp"
#include "core/result.hpp"
#include "core/unit.hpp"

namespace hotline::net::json {

// One day of a calendar range as GET /calendar shows it.
struct CalendarEntry {
  core::Date date;
  bool working = true;
};

std::string encode_unit(const core::Unit& unit);
std::string encode_units(const std::vector<core::Unit>& units);                // {"items":[...]}
// {"level1","level2","level3","path","retired"}
std::string encode_category(const core::Category& category);
std::string encode_categories(const std::vector<core::Category>& categories);  // {"items":[...]}
// {"from","to","days":[{"date","working"}...]}
std::string encode_calendar(core::Date from, core::Date to, const std::vector<CalendarEntry>& days);
// {"type","urgency","deadline"}
std::string encode_deadline_preview(core::TicketType type, core::Urgency urgency, core::Timestamp deadline);

// The unit to store under `id` (taken from the path). Required: kind, name. Optional: parent_id,
// active (default true), id (must equal the path's).
[[nodiscard]] core::Result<core::Unit> decode_unit(const core::UnitId& id, std::string_view body);
// {"days":[{"date":"YYYY-MM-DD","off_day":true,"name":"..."}]}; date and off_day required.
[[nodiscard]] core::Result<std::vector<core::CalendarDay>> decode_calendar_days(std::string_view body);

// {"year":2027,"text":"<the State Council's holiday notice>"}: both required; the text is read by
// core::parse_holiday_notice (at most 64 KiB).
struct HolidayNoticeRequest {
  int year = 0;
  std::string text;
};
[[nodiscard]] core::Result<HolidayNoticeRequest> decode_holiday_notice(std::string_view body);

// The category edits: POST /categories {"parent"?, "name"}, /categories/rename {"path","name"},
// /categories/retire {"path","retired"}. Required as shown; the names are checked in core.
struct CategoryEdit {
  std::string path;  // "parent" for an addition ("" for a first level)
  std::string name;
  bool retired = false;
};
[[nodiscard]] core::Result<CategoryEdit> decode_category_addition(std::string_view body);
[[nodiscard]] core::Result<CategoryEdit> decode_category_rename(std::string_view body);
[[nodiscard]] core::Result<CategoryEdit> decode_category_retirement(std::string_view body);

}  // namespace hotline::net::json
