#include "net/handlers/user_handlers.hpp"

#include "net/admin_access.hpp"
#include "net/handlers/respond.hpp"
#include "net/json/user_json.hpp"

namespace hotline::net::handlers {

Response create_user(const Services& services, const Call& call) {
  if (auto allowed = require_admin(call.actor); !allowed) return error_response(allowed.error());
  auto user = json::decode_new_user(call.request.body);
  if (!user) return error_response(user.error());
  return respond(services.auth.add_user(*user), 201, json::encode_user);
}

Response list_users(const Services&, const Call& call) {
  if (auto allowed = require_admin(call.actor); !allowed) return error_response(allowed.error());
  return error_response(core::make_error(core::ErrorCode::unavailable, "listing users is not available yet"));
}

}  // namespace hotline::net::handlers
