#include "net/handlers/user_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/user_json.hpp"

namespace hotline::net::handlers {

Response create_user(const Services& services, const Call& call) {
  auto user = json::decode_new_user(call.request.body);
  if (!user) return error_response(user.error());
  return respond(services.auth.add_user(call.actor, *user), 201, json::encode_user);
}

Response list_users(const Services& services, const Call& call) {
  return respond(services.auth.list_users(call.actor), 200, json::encode_users);
}

}  // namespace hotline::net::handlers
