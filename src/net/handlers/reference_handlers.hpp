#pragma once
// Reference data: units, categories, the working-day calendar and deadline previews. Reads are
// open to every signed-in role; edits are for admins (checked in core). Run concurrently on the
// blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response list_units(const Services& services, const Call& call);
Response put_unit(const Services& services, const Call& call);
// POST /units/{id}/retire: the unit and its sub-units; 409 while they handle open tickets.
Response retire_unit(const Services& services, const Call& call);
Response list_categories(const Services& services, const Call& call);
// POST /categories {"parent","name"}: 201 with the category; 409 when the path exists.
Response add_category(const Services& services, const Call& call);
// POST /categories/rename {"path","name"}: the node and everything under it, and the dispatch
// rules naming them (core DispatchService::rename_category); 409 when the new path exists.
Response rename_category(const Services& services, const Call& call);
// POST /categories/retire {"path","retired"}: retires or restores the node and everything under it.
Response retire_category(const Services& services, const Call& call);
// GET /calendar?from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive, at most 731 days).
Response get_calendar(const Services& services, const Call& call);
Response put_calendar_days(const Services& services, const Call& call);
// DELETE /calendar/days/{date}: the special day becomes an ordinary one; 404 when it is none.
Response reset_calendar_day(const Services& services, const Call& call);
// PUT /calendar/notice {"year","text"}: the State Council's notice read into holidays and make-up
// days (core/holiday_notice.hpp) and stored like PUT /calendar/days; answers the days stored.
Response put_calendar_notice(const Services& services, const Call& call);
// GET /deadline-preview?type=&urgency= (urgency defaults to normal).
Response deadline_preview(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
