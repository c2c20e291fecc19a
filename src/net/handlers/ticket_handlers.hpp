#pragma once
// /api/v1/tickets: register, list, read, history and every lifecycle action. Thin: decode, call
// `TicketService` (which enforces roles, visibility and masking), encode. Run concurrently on the
// blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response create_ticket(const Services& services, const Call& call);
Response list_tickets(const Services& services, const Call& call);
Response get_ticket(const Services& services, const Call& call);
Response ticket_history(const Services& services, const Call& call);
// POST /tickets/{id}/{action}: any `core::Action` but register; unknown actions are 404.
Response act_on_ticket(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
