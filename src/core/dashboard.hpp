#pragma once
// The management dashboard's ticket aggregates (今日受理, 超期/临期 per unit, per district) and the
// service that reads them. The KPIs beside them come from the counters (KpiService), not from here.
//
// The figures are computed by the repository (`TicketRepository::dashboard`), in SQL for the
// database backends: a dashboard never lists tickets.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"

namespace hotline::core {

class TicketRepository;

// The share of a ticket's handling time (creation to deadline) under which it counts as nearly
// due; the desk's yellow deadline light uses the same default.
inline constexpr double kDefaultNearlyDueShare = 0.25;
inline constexpr int kDashboardTopCategories = 10;

// What `TicketRepository::dashboard` aggregates.
struct DashboardQuery {
  Timestamp day_start{};  // the day's intake is created_at in [day_start, day_start + 24 h)
  Timestamp now{};        // overdue: open for handling and deadline < now
  double nearly_due_share = kDefaultNearlyDueShare;  // nearly due: not overdue, (deadline - now) < share * (deadline - created_at)
  std::optional<UnitId> district;                    // place.district; filters every figure
  int top_categories = kDashboardTopCategories;      // 1..100
};

struct KeyCount {
  std::string key;
  std::int64_t count = 0;
};

// Open tickets (open for handling) whose lead unit is `unit`.
struct UnitDeadlines {
  UnitId unit;
  std::int64_t overdue = 0;
  std::int64_t nearly_due = 0;
};

struct DistrictFigures {
  UnitId district;
  std::int64_t intake = 0;  // created on the day
  std::int64_t open = 0;    // open for handling now
  std::int64_t overdue = 0; // of those, past their deadline
};

struct DashboardFigures {
  std::int64_t intake = 0;                 // tickets created on the day
  std::vector<KeyCount> by_channel;        // key = channel's wire name; most first, then by key
  std::vector<KeyCount> by_type;           // key = type's wire name; most first, then by key
  std::array<std::int64_t, 24> by_hour{};  // by hour since day_start
  std::vector<KeyCount> top_categories;    // of the day's intake, most first, then by key; at most top_categories
  std::vector<UnitDeadlines> units;        // units with an overdue or nearly-due ticket; most overdue first, then nearly due, then by unit
  std::vector<DistrictFigures> districts;  // districts with intake or open tickets, by district code (tickets without a district left out)
};

// Orders the lists of `figures` as `DashboardFigures` promises (backends call it last).
void sort_dashboard(DashboardFigures& figures, int top_categories);

struct Dashboard {
  std::chrono::year_month_day date;
  Timestamp now{};
  std::optional<UnitId> district;
  double nearly_due_share = kDefaultNearlyDueShare;
  DashboardFigures figures;
};

// Reads the dashboard for managers, supervisors and administrators. Thread-safe (stateless over
// its references, which the composition root keeps alive).
class DashboardService {
 public:
  // `district_boundaries`: the GeoJSON text the deployment supplies, or nullopt.
  DashboardService(TicketRepository& tickets, const Clock& clock,
                   std::optional<std::string> district_boundaries = std::nullopt);

  // The figures of the China-time day `date` (today when nullopt); "now" is the clock's now.
  // Errors: forbidden unless manager, supervisor or admin; invalid_argument naming
  // nearly_due_share outside (0, 1); the repository's.
  [[nodiscard]] Result<Dashboard> dashboard(const Actor& actor, std::optional<std::chrono::year_month_day> date,
                                            std::optional<UnitId> district,
                                            double nearly_due_share = kDefaultNearlyDueShare) const;

  // The configured GeoJSON of the district boundaries. Errors: forbidden for roles without the
  // dashboard; not_found when the deployment supplied none.
  [[nodiscard]] Result<std::string> district_boundaries(const Actor& actor) const;

 private:
  TicketRepository& tickets_;
  const Clock& clock_;
  std::optional<std::string> district_boundaries_;
};

}  // namespace hotline::core
