#pragma once
// The use cases on tickets: register, act on the lifecycle, read, list and history, with the
// visibility and masking rules of each role. Stateless apart from its collaborators; safe to call
// from many threads at once.

#include <vector>

#include "core/clock.hpp"
#include "core/reference_service.hpp"
#include "core/result.hpp"
#include "core/ticket_repository.hpp"
#include "core/workflow.hpp"

namespace hotline::core {

class TicketService {
 public:
  TicketService(TicketRepository& tickets, ReferenceService& reference, const Clock& clock, DeadlinePolicy policy = {});

  [[nodiscard]] Result<Ticket> register_ticket(const Actor& actor, const NewTicket& ticket);
  // Applies one lifecycle action. Errors: not_found (also when the actor may not see the ticket),
  // forbidden, conflict (state, or a concurrent change that persisted), invalid_argument.
  [[nodiscard]] Result<Ticket> act(const Actor& actor, TicketId id, const ActionRequest& request);
  [[nodiscard]] Result<Ticket> get(const Actor& actor, TicketId id);
  // Unit handlers only ever see tickets of their unit subtree, whatever `query.units` says.
  [[nodiscard]] Result<TicketPage> list(const Actor& actor, TicketQuery query);
  [[nodiscard]] Result<std::vector<TicketEvent>> history(const Actor& actor, TicketId id);

  // Deadline a ticket of this type and urgency would get if registered now.
  Timestamp preview_deadline(TicketType type, Urgency urgency) const;
  const DeadlinePolicy& policy() const { return policy_; }
  Timestamp now() const { return clock_.now(); }

 private:
  [[nodiscard]] Result<Ticket> load_visible(const Actor& actor, TicketId id);

  TicketRepository& tickets_;
  ReferenceService& reference_;
  const Clock& clock_;
  DeadlinePolicy policy_;
};

// Who may read ticket contents at all.
bool can_read_tickets(Role role);
// Hides the caller's contact from roles that must not see it: everyone but dispatchers when the
// caller asked for confidentiality; supervisors and managers always (they judge work, not people).
bool contact_hidden(bool confidential, Role viewer);
void mask_contact(Ticket& ticket, Role viewer);
std::string mask_phone(const std::string& phone);
std::string mask_name(const std::string& name);

}  // namespace hotline::core
