#include "net/admin_access.hpp"

namespace hotline::net {

core::Result<void> require_admin(const core::Actor& actor) {
  if (actor.role != core::Role::admin) return core::fail(core::ErrorCode::forbidden, "only administrators may do this");
  return {};
}

}  // namespace hotline::net
