#pragma once
// The management dashboard's ticket aggregates and the district boundaries of its map. Roles are
// checked by core::DashboardService. Run concurrently on the blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

// GET /api/v1/dashboard?date=YYYY-MM-DD&district=ID&nearly_due_share=0.25: the day's intake by
// channel, type and hour, its top categories, overdue and nearly-due open tickets per lead unit,
// and per district intake, open and overdue (core/dashboard.hpp).
Response get_dashboard(const Services& services, const Call& call);
// GET /api/v1/map/districts: the GeoJSON given to `hotline serve --map-geojson`; 404 without one.
Response map_districts(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
