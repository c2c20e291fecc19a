#include "net/json/reference_json.hpp"

#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {
namespace {

namespace bj = boost::json;

// A calendar update is a year or two of special days, not a data dump.
constexpr std::size_t kMaxCalendarDays = 1000;

bj::object unit_value(const core::Unit& unit) {
  return bj::object{{"id", unit.id},
                    {"parent_id", unit.parent_id},
                    {"kind", to_string(unit.kind)},
                    {"name", unit.name},
                    {"active", unit.active}};
}

}  // namespace

std::string encode_unit(const core::Unit& unit) {
  return wire::serialize(unit_value(unit));
}

std::string encode_units(const std::vector<core::Unit>& units) {
  bj::array items;
  for (const auto& unit : units) items.emplace_back(unit_value(unit));
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

namespace {

bj::object category_value(const core::Category& c) {
  return bj::object{{"level1", c.level1}, {"level2", c.level2}, {"level3", c.level3}, {"path", c.path()},
                    {"retired", c.retired}};
}

}  // namespace

std::string encode_category(const core::Category& category) { return wire::serialize(category_value(category)); }

std::string encode_categories(const std::vector<core::Category>& categories) {
  bj::array items;
  for (const auto& c : categories) items.emplace_back(category_value(c));
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

namespace {

core::Result<CategoryEdit> decode_category_edit(std::string_view body, std::string_view path_key, bool path_required,
                                                bool wants_name) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  CategoryEdit out;
  out.path = reader.string(path_key, path_required ? wire::Need::required : wire::Need::optional).value_or("");
  if (wants_name)
    out.name = reader.string("name", wire::Need::required).value_or("");
  else
    out.retired = reader.boolean("retired", wire::Need::required).value_or(false);
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

}  // namespace

core::Result<CategoryEdit> decode_category_addition(std::string_view body) {
  return decode_category_edit(body, "parent", false, true);
}
core::Result<CategoryEdit> decode_category_rename(std::string_view body) {
  return decode_category_edit(body, "path", true, true);
}
core::Result<CategoryEdit> decode_category_retirement(std::string_view body) {
  return decode_category_edit(body, "path", true, false);
}

std::string encode_calendar(core::Date from, core::Date to, const std::vector<CalendarEntry>& days) {
  bj::array items;
  for (const auto& day : days)
    items.emplace_back(bj::object{{"date", core::format_date(day.date)}, {"working", day.working}});
  return wire::serialize(
      bj::object{{"from", core::format_date(from)}, {"to", core::format_date(to)}, {"days", std::move(items)}});
}

std::string encode_deadline_preview(core::TicketType type, core::Urgency urgency, core::Timestamp deadline) {
  return wire::serialize(bj::object{
      {"type", to_string(type)}, {"urgency", to_string(urgency)}, {"deadline", core::format_timestamp(deadline)}});
}

core::Result<core::Unit> decode_unit(const core::UnitId& id, std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::Unit out;
  out.id = id;
  if (auto body_id = reader.string("id"); body_id && *body_id != id)
    reader.fail_field("id", "does not match the unit id in the path");
  out.parent_id = reader.string("parent_id").value_or("");
  if (auto kind = reader.enumeration<core::UnitKind>("kind", core::parse_unit_kind, wire::Need::required))
    out.kind = *kind;
  out.name = reader.string("name", wire::Need::required).value_or("");
  out.active = reader.boolean("active").value_or(true);
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<HolidayNoticeRequest> decode_holiday_notice(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  HolidayNoticeRequest out;
  if (auto year = reader.integer("year", wire::Need::required)) {
    if (*year < 2000 || *year > 2100)
      reader.fail_field("year", "must be 2000-2100");
    else
      out.year = static_cast<int>(*year);
  }
  if (auto text = reader.string("text", wire::Need::required)) {
    if (text->size() > 64 * 1024) reader.fail_field("text", "at most 64 KiB");
    out.text = std::move(*text);
  }
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<std::vector<core::CalendarDay>> decode_calendar_days(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  std::vector<core::CalendarDay> out;
  if (const auto* days = reader.array("days", wire::Need::required)) {
    if (days->size() > kMaxCalendarDays) reader.fail_field("days", "at most 1000 days per request");
    for (std::size_t i = 0; i < days->size() && reader.ok(); ++i) {
      std::string prefix = "days[" + std::to_string(i) + "]";
      if (!(*days)[i].is_object()) {
        reader.fail_field(prefix, "must be an object");
        break;
      }
      wire::ObjectReader item((*days)[i].get_object(), prefix + ".");
      core::CalendarDay day;
      if (auto text = item.string("date", wire::Need::required)) {
        if (auto date = core::parse_date(*text))
          day.date = *date;
        else
          item.fail_field("date", "must be a date YYYY-MM-DD");
      }
      day.off_day = item.boolean("off_day", wire::Need::required).value_or(true);
      day.name = item.string("name").value_or("");
      if (auto done = item.finish(); !done) reader.fail(done.error());
      out.push_back(std::move(day));
    }
  }
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

}  // namespace hotline::net::json
