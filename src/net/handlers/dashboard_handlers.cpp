#include "net/handlers/dashboard_handlers.hpp"

#include <charconv>

#include "core/calendar.hpp"
#include "core/china_time.hpp"
#include "net/error_response.hpp"
#include "wire/json_writer.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

using wire::bad_param;

void key_counts(wire::JsonWriter& out, const std::vector<core::KeyCount>& counts) {
  out.begin_array();
  for (const auto& count : counts) out.begin_object().key("key").string(count.key).key("count").integer(count.count).end_object();
  out.end_array();
}

std::string dashboard_json(const core::Dashboard& dashboard) {
  const auto& figures = dashboard.figures;
  wire::JsonWriter out;
  out.begin_object().key("date").string(core::format_date(dashboard.date));
  out.key("now").string(core::format_timestamp(dashboard.now));
  out.key("district");
  if (dashboard.district)
    out.string(*dashboard.district);
  else
    out.null();
  out.key("nearly_due_share").number(dashboard.nearly_due_share);
  out.key("intake").begin_object().key("total").integer(figures.intake).key("by_channel");
  key_counts(out, figures.by_channel);
  out.key("by_type");
  key_counts(out, figures.by_type);
  out.key("by_hour").begin_array();
  for (auto count : figures.by_hour) out.integer(count);
  out.end_array().end_object();
  out.key("top_categories");
  key_counts(out, figures.top_categories);
  out.key("units").begin_array();
  for (const auto& unit : figures.units)
    out.begin_object().key("unit").string(unit.unit).key("overdue").integer(unit.overdue).key("nearly_due")
        .integer(unit.nearly_due).end_object();
  out.end_array();
  out.key("districts").begin_array();
  for (const auto& district : figures.districts) {
    out.begin_object().key("district").string(district.district).key("intake").integer(district.intake)
        .key("open").integer(district.open).key("overdue").integer(district.overdue).key("overdue_share");
    if (district.open > 0)
      out.number(static_cast<double>(district.overdue) / static_cast<double>(district.open));
    else
      out.null();
    out.end_object();
  }
  out.end_array().end_object();
  return out.take();
}

}  // namespace

Response get_dashboard(const Services& services, const Call& call) {
  const auto& query = call.request.query;
  if (auto known = wire::only_params(query, {"date", "district", "nearly_due_share"}); !known)
    return error_response(known.error());
  std::optional<core::Date> date;
  if (auto text = wire::find_param(query, "date")) {
    date = core::parse_date(*text);
    if (!date) return error_response(bad_param("date", "must be a date YYYY-MM-DD"));
  }
  std::optional<core::UnitId> district = wire::find_param(query, "district");
  if (district && district->empty()) return error_response(bad_param("district", "must not be empty"));
  double share = core::kDefaultNearlyDueShare;
  if (auto text = wire::find_param(query, "nearly_due_share")) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), share);
    if (ec != std::errc{} || end != text->data() + text->size())
      return error_response(bad_param("nearly_due_share", "must be a number between 0 and 1"));
  }
  auto dashboard = services.dashboard.dashboard(call.actor, date, std::move(district), share);
  if (!dashboard) return error_response(dashboard.error());
  return json_response(200, dashboard_json(*dashboard));
}

Response map_districts(const Services& services, const Call& call) {
  auto boundaries = services.dashboard.district_boundaries(call.actor);
  if (!boundaries) return error_response(boundaries.error());
  Response response = json_response(200, std::move(*boundaries));
  response.content_type = "application/geo+json";
  return response;
}

}  // namespace hotline::net::handlers
