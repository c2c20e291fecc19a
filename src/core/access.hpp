#pragma once
// Role checks shared by the core services.

#include "core/result.hpp"
#include "core/ticket_event.hpp"

namespace hotline::core {

// Errors: forbidden unless `actor` is an administrator (accounts, units, the calendar).
[[nodiscard]] inline Result<void> require_admin(const Actor& actor) {
  if (actor.role != Role::admin) return fail(ErrorCode::forbidden, "only administrators may do this");
  return {};
}

// The permission `notifications.view` (the web's permission list mirrors it): reading the outbox
// of messages to citizens (core/notifier.hpp) is for administrators and supervisors.
inline bool may_view_notifications(Role role) { return role == Role::admin || role == Role::supervisor; }

}  // namespace hotline::core
