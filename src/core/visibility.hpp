#pragma once
// The read rule for tickets, in one place so that the REST reads (`TicketService`) and the live
// event stream (net's event hub) cannot drift apart. Pure functions; safe from any thread.

#include "core/ticket.hpp"
#include "core/ticket_event.hpp"
#include "core/unit.hpp"

namespace hotline::core {

// Who may read ticket contents at all (everyone but administrators).
bool can_read_tickets(Role role);
// True when `actor` may read `ticket`: the role reads tickets, and a unit handler only those whose
// lead or co-handling unit lies within the handler's unit subtree. `TicketService::list` applies
// the same rule as a storage filter (the handler's subtree as `TicketQuery::units`).
bool may_read_ticket(const Actor& actor, const Ticket& ticket, const UnitTree& units);

}  // namespace hotline::core
