#include "net/handlers/reference_handlers.hpp"

#include <chrono>

#include "core/holiday_notice.hpp"
#include "net/handlers/respond.hpp"
#include "net/json/reference_json.hpp"
#include "wire/json_writer.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

constexpr int kMaxCalendarRangeDays = 731;

using wire::bad_param;

core::Result<core::Date> date_param(const Request& request, const std::string& name) {
  auto text = request.query_value(name);
  if (!text) return bad_param(name, "is required");
  auto date = core::parse_date(*text);
  if (!date) return bad_param(name, "must be a date YYYY-MM-DD");
  return *date;
}

}  // namespace

Response list_units(const Services& services, const Call&) {
  return json_response(200, json::encode_units(services.reference.snapshot()->units.units()));
}

Response put_unit(const Services& services, const Call& call) {
  auto unit = json::decode_unit(call.params.get("id"), call.request.body);
  if (!unit) return error_response(unit.error());
  return respond(services.reference.save_unit(call.actor, *unit), 200, json::encode_unit);
}

Response retire_unit(const Services& services, const Call& call) {
  auto retired = services.dispatch.retire_unit(call.actor, std::string(call.params.get("id")));
  if (!retired) return error_response(retired.error());
  wire::JsonWriter out;
  out.begin_object().key("retired").begin_array();
  for (const auto& id : *retired) out.string(id);
  out.end_array().end_object();
  return json_response(200, out.take());
}

Response list_categories(const Services& services, const Call&) {
  return json_response(200, json::encode_categories(services.reference.snapshot()->taxonomy.categories()));
}

Response add_category(const Services& services, const Call& call) {
  auto edit = json::decode_category_addition(call.request.body);
  if (!edit) return error_response(edit.error());
  return respond(services.reference.add_category(call.actor, edit->path, edit->name), 201, json::encode_category);
}

Response rename_category(const Services& services, const Call& call) {
  auto edit = json::decode_category_rename(call.request.body);
  if (!edit) return error_response(edit.error());
  auto renamed = services.dispatch.rename_category(call.actor, edit->path, edit->name);
  if (!renamed) return error_response(renamed.error());
  wire::JsonWriter out;
  out.begin_object().key("from").string(edit->path).key("path").string(renamed->path).key("moved_rules").begin_array();
  for (const auto& id : renamed->moved_rules) out.string(id);
  out.end_array().end_object();
  return json_response(200, out.take());
}

Response retire_category(const Services& services, const Call& call) {
  auto edit = json::decode_category_retirement(call.request.body);
  if (!edit) return error_response(edit.error());
  auto saved = services.reference.retire_category(call.actor, edit->path, edit->retired);
  if (!saved) return error_response(saved.error());
  wire::JsonWriter out;
  out.begin_object().key("path").string(edit->path).key("retired").boolean(edit->retired).end_object();
  return json_response(200, out.take());
}

Response get_calendar(const Services& services, const Call& call) {
  if (auto known = wire::only_params(call.request.query, {"from", "to"}); !known) return error_response(known.error());
  auto from = date_param(call.request, "from");
  if (!from) return error_response(from.error());
  auto to = date_param(call.request, "to");
  if (!to) return error_response(to.error());
  auto first = std::chrono::sys_days{*from};
  auto last = std::chrono::sys_days{*to};
  if (last < first) return error_response(bad_param("to", "must not be before from"));
  if ((last - first).count() >= kMaxCalendarRangeDays)
    return error_response(bad_param("to", "range is at most 731 days"));
  auto snapshot = services.reference.snapshot();
  std::vector<json::CalendarEntry> days;
  for (auto day = first; day <= last; day += std::chrono::days{1}) {
    core::Date date{day};
    days.push_back({date, snapshot->calendar.is_working_day(date)});
  }
  return json_response(200, json::encode_calendar(*from, *to, days));
}

Response put_calendar_days(const Services& services, const Call& call) {
  auto days = json::decode_calendar_days(call.request.body);
  if (!days) return error_response(days.error());
  auto saved = services.reference.save_calendar_days(call.actor, *days);
  if (!saved) return error_response(saved.error());
  wire::JsonWriter out;
  out.begin_object().key("status").string("saved").key("count").unsigned_integer(days->size()).end_object();
  return json_response(200, out.take());
}

Response reset_calendar_day(const Services& services, const Call& call) {
  auto date = core::parse_date(call.params.get("date"));
  if (!date) return error_response(bad_param("date", "must be a date YYYY-MM-DD"));
  auto reset = services.reference.reset_calendar_day(call.actor, *date);
  if (!reset) return error_response(reset.error());
  wire::JsonWriter out;
  out.begin_object().key("status").string("reset").key("date").string(core::format_date(*date)).end_object();
  return json_response(200, out.take());
}

Response put_calendar_notice(const Services& services, const Call& call) {
  auto notice = json::decode_holiday_notice(call.request.body);
  if (!notice) return error_response(notice.error());
  auto days = core::parse_holiday_notice(notice->year, notice->text);
  if (!days) return error_response(days.error());
  auto saved = services.reference.save_calendar_days(call.actor, *days);
  if (!saved) return error_response(saved.error());
  wire::JsonWriter out;
  out.begin_object().key("status").string("saved").key("count").unsigned_integer(days->size()).key("days").begin_array();
  for (const auto& day : *days)
    out.begin_object()
        .key("date")
        .string(core::format_date(day.date))
        .key("off_day")
        .boolean(day.off_day)
        .key("name")
        .string(day.name)
        .end_object();
  out.end_array().end_object();
  return json_response(200, out.take());
}

Response deadline_preview(const Services& services, const Call& call) {
  if (auto known = wire::only_params(call.request.query, {"type", "urgency"}); !known)
    return error_response(known.error());
  auto type_text = call.request.query_value("type");
  if (!type_text) return error_response(bad_param("type", "is required"));
  auto type = core::parse_ticket_type(*type_text);
  if (!type) return error_response(bad_param("type", "unknown ticket type"));
  auto urgency = core::Urgency::normal;
  if (auto text = call.request.query_value("urgency")) {
    auto parsed = core::parse_urgency(*text);
    if (!parsed) return error_response(bad_param("urgency", "must be normal or urgent"));
    urgency = *parsed;
  }
  return json_response(
      200, json::encode_deadline_preview(*type, urgency, services.tickets.preview_deadline(*type, urgency)));
}

}  // namespace hotline::net::handlers
