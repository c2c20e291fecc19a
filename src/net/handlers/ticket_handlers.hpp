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

// GET /api/v1/tickets/{id}/contact?reason=…: the caller's full contact, logged in the audit trail.
Response reveal_contact(const Services& services, const Call& call);
// GET /api/v1/audit?ticket_id=&actor_id=&before=&limit=
Response audit_trail(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
