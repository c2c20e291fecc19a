// `SqliteTicketRepository::dashboard`: the dashboard's aggregates as GROUP BY queries, one per
// figure, over the day's range of `tickets_by_created` and the open tickets of the partial index
// `tickets_open_by_id`; no ticket row leaves SQLite.

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/ticket_repository.hpp"

namespace hotline::storage::sqlite {
namespace {

constexpr std::int64_t kSecondsPerHour = 3600;

using Value = std::variant<std::int64_t, double, std::string>;

// Runs `sql` with `values` bound to ?1, ?2, ... and calls `row` for each result row.
template <typename Row>
void each_row(Connection& db, const std::string& sql, const std::vector<Value>& values, Row row) {
  auto select = db.statement(sql);
  int index = 1;
  for (const auto& value : values) std::visit([&](const auto& v) { select->bind(index++, v); }, value);
  while (select->step()) row(*select);
}

}  // namespace

core::Result<core::DashboardFigures> SqliteTicketRepository::dashboard(const core::DashboardQuery& query) {
  if (query.top_categories < 1 || query.top_categories > 100)
    return core::fail(core::ErrorCode::invalid_argument, "top_categories must be 1-100", "top_categories");
  try {
    auto db = readers_.acquire();
    core::DashboardFigures out;
    // The day's intake binds ?1 day start, ?2 day end; the open tickets ?1 now, ?2 the share; both
    // ?3 the district when filtered.
    const std::string district = query.district ? " AND district = ?3" : "";
    const std::string today =
        " FROM tickets INDEXED BY tickets_by_created WHERE created_at >= ?1 AND created_at < ?2" + district;
    const std::string open = " FROM tickets WHERE " + std::string(open_for_handling_condition()) + district;
    std::vector<Value> day{core::to_epoch(query.day_start), core::to_epoch(query.day_start + std::chrono::hours{24})};
    std::vector<Value> now{core::to_epoch(query.now)};
    std::vector<Value> now_and_share{core::to_epoch(query.now), query.nearly_due_share};
    if (query.district) {
      day.emplace_back(*query.district);
      now.emplace_back(std::int64_t{0});  // ?2 unused by its query: a placeholder keeps ?3 the district
      now_and_share.emplace_back(*query.district);
    }
    auto key_counts = [&](const std::string& column, std::vector<core::KeyCount>& into, const std::string& tail) {
      each_row(*db, "SELECT " + column + ", count(*)" + today + tail, day, [&](Statement& row) {
        into.push_back({row.column_text(0), row.column_int64(1)});
      });
    };
    key_counts("channel", out.by_channel, " GROUP BY channel");
    key_counts("type", out.by_type, " GROUP BY type");
    key_counts("category", out.top_categories,
               " AND category <> '' GROUP BY category ORDER BY count(*) DESC, category LIMIT " +
                   std::to_string(query.top_categories));
    each_row(*db, "SELECT (created_at - ?1) / " + std::to_string(kSecondsPerHour) + ", count(*)" + today + " GROUP BY 1",
             day, [&](Statement& row) {
               const auto hour = row.column_int64(0);
               if (hour >= 0 && hour < 24) out.by_hour[static_cast<std::size_t>(hour)] = row.column_int64(1);
               out.intake += row.column_int64(1);
             });
    each_row(*db,
             "SELECT lead_unit, sum(deadline < ?1), sum(deadline >= ?1 AND (deadline - ?1) < ?2 * (deadline - created_at))" +
                 open + " GROUP BY lead_unit",
             now_and_share, [&](Statement& row) {
               core::UnitDeadlines unit{row.column_text(0), row.column_int64(1), row.column_int64(2)};
               if (unit.overdue > 0 || unit.nearly_due > 0) out.units.push_back(std::move(unit));
             });
    std::map<core::UnitId, core::DistrictFigures> districts;
    each_row(*db, "SELECT district, count(*)" + today + " AND district <> '' GROUP BY district", day,
             [&](Statement& row) {
               auto& district = districts[row.column_text(0)];
               district.district = row.column_text(0);
               district.intake = row.column_int64(1);
             });
    each_row(*db, "SELECT district, count(*), sum(deadline < ?1)" + open + " AND district <> '' GROUP BY district",
             now, [&](Statement& row) {
               auto& district = districts[row.column_text(0)];
               district.district = row.column_text(0);
               district.open = row.column_int64(1);
               district.overdue = row.column_int64(2);
             });
    for (auto& [code, district] : districts) out.districts.push_back(std::move(district));
    core::sort_dashboard(out, query.top_categories);
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

}  // namespace hotline::storage::sqlite
