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

Response list_users(const Services& services, const Call& call) {
  if (auto allowed = require_admin(call.actor); !allowed) return error_response(allowed.error());
  return respond(services.auth.list_users(), 200, json::encode_users);
}

}  // namespace hotline::net::handlers
