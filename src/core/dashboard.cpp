#include "core/dashboard.hpp"

#include <algorithm>
#include <tuple>

#include "core/china_time.hpp"
#include "core/ticket_repository.hpp"

namespace hotline::core {
namespace {

bool may_view(Role role) { return role == Role::manager || role == Role::supervisor || role == Role::admin; }

void most_first(std::vector<KeyCount>& counts) {
  std::sort(counts.begin(), counts.end(), [](const KeyCount& a, const KeyCount& b) {
    return std::tie(b.count, a.key) < std::tie(a.count, b.key);
  });
}

}  // namespace

void sort_dashboard(DashboardFigures& figures, int top_categories) {
  most_first(figures.by_channel);
  most_first(figures.by_type);
  most_first(figures.top_categories);
  if (figures.top_categories.size() > static_cast<std::size_t>(std::max(top_categories, 0)))
    figures.top_categories.resize(static_cast<std::size_t>(std::max(top_categories, 0)));
  std::sort(figures.units.begin(), figures.units.end(), [](const UnitDeadlines& a, const UnitDeadlines& b) {
    return std::tie(b.overdue, b.nearly_due, a.unit) < std::tie(a.overdue, a.nearly_due, b.unit);
  });
  std::sort(figures.districts.begin(), figures.districts.end(),
            [](const DistrictFigures& a, const DistrictFigures& b) { return a.district < b.district; });
}

DashboardService::DashboardService(TicketRepository& tickets, const Clock& clock,
                                   std::optional<std::string> district_boundaries)
    : tickets_(tickets), clock_(clock), district_boundaries_(std::move(district_boundaries)) {}

Result<Dashboard> DashboardService::dashboard(const Actor& actor, std::optional<std::chrono::year_month_day> date,
                                              std::optional<UnitId> district, double nearly_due_share) const {
  if (!may_view(actor.role)) return fail(ErrorCode::forbidden, "only managers, supervisors and administrators see the dashboard");
  if (!(nearly_due_share > 0.0 && nearly_due_share < 1.0))
    return fail(ErrorCode::invalid_argument, "must be between 0 and 1 (exclusive)", "nearly_due_share");
  Dashboard out;
  out.now = clock_.now();
  out.date = date.value_or(china_date(out.now));
  out.district = std::move(district);
  out.nearly_due_share = nearly_due_share;
  DashboardQuery query;
  query.day_start = china_midnight(out.date);
  query.now = out.now;
  query.nearly_due_share = nearly_due_share;
  query.district = out.district;
  auto figures = tickets_.dashboard(query);
  if (!figures) return figures.error();
  out.figures = std::move(*figures);
  return out;
}

Result<std::string> DashboardService::district_boundaries(const Actor& actor) const {
  if (!may_view(actor.role)) return fail(ErrorCode::forbidden, "only managers, supervisors and administrators see the map");
  if (!district_boundaries_)
    return fail(ErrorCode::not_found, "no district boundaries configured (start the server with --map-geojson FILE)");
  return *district_boundaries_;
}

}  // namespace hotline::core
