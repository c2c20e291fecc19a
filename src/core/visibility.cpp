#include "core/visibility.hpp"

#include "core/event_payload.hpp"
#include "core/pii_mask.hpp"
#include "core/workflow.hpp"

namespace hotline::core {

bool can_read_tickets(Role role) { return role != Role::admin; }

bool may_read_ticket(const Actor& actor, const Ticket& ticket, const UnitTree& units) {
  if (!can_read_tickets(actor.role)) return false;
  if (actor.role == Role::unit_handler) return unit_can_see(ticket, actor, units);
  return true;
}

bool may_reveal_contact(bool confidential, Role viewer) {
  if (confidential) return viewer == Role::dispatcher;
  return viewer == Role::agent || viewer == Role::dispatcher || viewer == Role::unit_handler ||
         viewer == Role::callback_agent;
}

bool may_reveal_for_callback(const Ticket& ticket, Role viewer) {
  return viewer == Role::callback_agent && ticket.caller.confidential && ticket.state == TicketState::callback_pending;
}

namespace {

// No digit and no character of a confidential caller: only that something was there.
void conceal(Caller& caller) {
  caller.name = caller.name.empty() ? "" : "**";
  caller.phone = std::string(caller.phone.empty() ? 0 : 11, '*');
}

}  // namespace

void redact_ticket(Ticket& ticket) {
  if (ticket.caller.confidential) conceal(ticket.caller);
  ticket.title = mask_pii(ticket.title);
  ticket.text = mask_pii(ticket.text);
  ticket.place.address = mask_pii(ticket.place.address);
  ticket.reply = mask_pii(ticket.reply);
  ticket.intake_answer = mask_pii(ticket.intake_answer);
  ticket.correction_reason = mask_pii(ticket.correction_reason);
  for (auto& part : ticket.co_handling) part.opinion = mask_pii(part.opinion);
  for (auto& file : ticket.attachments) file.filename = mask_pii(file.filename);
}

void redact_event(bool confidential, TicketEvent& event) {
  if (confidential) rewrite_caller(event, conceal);
  rewrite_free_text(event, [](std::string_view text) { return mask_pii(text); });
}

void present_ticket(Role viewer, Ticket& ticket) {
  // The callers of tickets merged into this one keep their own confidentiality.
  for (auto& merged : ticket.merged_callers)
    if (!may_reveal_contact(merged.caller.confidential, viewer) && merged.caller.confidential) conceal(merged.caller);
  if (!may_reveal_contact(ticket.caller.confidential, viewer)) redact_ticket(ticket);
}

void present_event(Role viewer, bool confidential, TicketEvent& event) {
  if (!may_reveal_contact(confidential, viewer)) redact_event(confidential, event);
}

}  // namespace hotline::core
