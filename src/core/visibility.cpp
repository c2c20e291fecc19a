#include "core/visibility.hpp"

#include "core/workflow.hpp"

namespace hotline::core {

bool can_read_tickets(Role role) { return role != Role::admin; }

bool may_read_ticket(const Actor& actor, const Ticket& ticket, const UnitTree& units) {
  if (!can_read_tickets(actor.role)) return false;
  if (actor.role == Role::unit_handler) return unit_can_see(ticket, actor, units);
  return true;
}

}  // namespace hotline::core
