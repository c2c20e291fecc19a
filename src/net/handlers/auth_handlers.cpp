#include "net/handlers/auth_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/user_json.hpp"

namespace hotline::net::handlers {

Response login(const Services& services, const Call& call) {
  auto credentials = json::decode_credentials(call.request.body);
  if (!credentials) return error_response(credentials.error());
  return respond(services.auth.login(credentials->username, credentials->password, call.request.client_address), 200,
                 json::encode_login);
}

Response logout(const Services& services, const Call& call) {
  auto done = services.auth.logout(call.token);
  if (!done) return error_response(done.error());
  return json_response(200, R"({"status":"logged_out"})");
}

Response me(const Services&, const Call& call) {
  return json_response(200, json::encode_actor(call.actor));
}

}  // namespace hotline::net::handlers
