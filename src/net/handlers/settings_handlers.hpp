#pragma once
// The deployment settings over HTTP: GET /settings (the deadline policy, the KPI settings and their
// defaults), PUT /settings/deadlines, PUT /settings/kpi (answers how many months were recomputed
// and how long the rebuild took). Roles are checked by core::SettingsService. Run on the blocking
// pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response get_settings(const Services& services, const Call& call);
Response put_deadline_settings(const Services& services, const Call& call);
Response put_kpi_settings(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
