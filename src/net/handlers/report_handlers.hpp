#pragma once
// KPI records, reports and the yearly evaluation over HTTP. Roles are checked by core::KpiService.
// Run concurrently on the blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

// POST /api/v1/records/{kind}: a JSON array of records, all stored or none. 201 {"imported":n}.
Response import_records(const Services& services, const Call& call);
// CTI call events from the PBX: paired into call records (table 8), idempotent per call id.
Response post_calls(const Services& services, const Call& call);
// GET /api/v1/reports/kpi?year=&month=&recompute=true|false: the JSON of `hotline report kpi`.
Response kpi_report(const Services& services, const Call& call);
// GET /api/v1/reports/tables?year=&month=&format=json|csv|xlsx: the seed's tables 6-15 (and 16 when
// the year's management items exist) as `hotline report kpi` builds them; csv and xlsx as downloads.
Response report_tables(const Services& services, const Call& call);
// GET /api/v1/reports/evaluation?year=&below_target=proportional|zero: the JSON of
// `hotline report evaluation`; 404 when no management items were entered for the year.
Response evaluation_report(const Services& services, const Call& call);
// GET and PUT /api/v1/evaluation-inputs/{year}: the management items and budget people enter.
Response get_evaluation_inputs(const Services& services, const Call& call);
Response put_evaluation_inputs(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
