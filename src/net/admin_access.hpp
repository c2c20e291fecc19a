#pragma once
// Who may edit reference data and accounts. Core's services validate the data but take no actor
// for these edits, so the one rule lives here, small and explicit: admins only.

#include "core/result.hpp"
#include "core/ticket_event.hpp"

namespace hotline::net {

// Errors: forbidden unless `actor` is an admin.
[[nodiscard]] core::Result<void> require_admin(const core::Actor& actor);

}  // namespace hotline::net
