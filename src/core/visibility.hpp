#pragma once
// The read rule for tickets, in one place so that the REST reads (`TicketService`) and the live
// event stream (net's event hub) cannot drift apart: who reads a ticket, and what of it. Pure
// functions; safe from any thread.

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

// Who may reveal a caller's contact: when the caller asked for confidentiality only dispatchers
// (the reviewers); otherwise the roles that talk to citizens: agents, dispatchers, unit handlers
// and callback agents. Supervisors, managers and admins judge work, not people: never.
bool may_reveal_contact(bool confidential, Role viewer);

// The one reveal of a confidential caller outside review: a callback agent calling back the caller
// of a ticket waiting for its callback (callback_pending), that role, that ticket and that step
// only; `TicketService::reveal_contact` also requires a reason and audits it as
// "reveal_contact_for_callback". Reads keep concealing the contact from that agent.
bool may_reveal_for_callback(const Ticket& ticket, Role viewer);

// What a viewer who may not reveal the contact (`may_reveal_contact` false) reads of a ticket
// whose contact is already masked (`mask_contact`): no part of a confidential caller's name or
// phone (every character a '*'), and the personal numbers in the free text (title, text, address,
// reply) masked by `mask_pii`.
void redact_ticket(Ticket& ticket);
// The same for one event of a ticket whose caller is `confidential`: the register event's caller,
// and the free text (reason, title, text, address, note, reply).
void redact_event(bool confidential, TicketEvent& event);
// `redact_ticket` / `redact_event` when `viewer` may not reveal the ticket's contact, else nothing.
void present_ticket(Role viewer, Ticket& ticket);
void present_event(Role viewer, bool confidential, TicketEvent& event);

}  // namespace hotline::core
