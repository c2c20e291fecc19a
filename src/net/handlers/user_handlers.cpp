#include "net/handlers/user_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/user_json.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

// The `{id}` of /users/{id}/...: a positive decimal. Errors: not_found (a malformed id names no one).
core::Result<std::int64_t> user_id_of(const Call& call) {
  auto id = wire::parse_integer(call.params.get("id"));
  if (!id || *id <= 0) return core::fail(core::ErrorCode::not_found, "user not found");
  return *id;
}

Response ended_response(const core::Result<int>& ended) {
  if (!ended) return error_response(ended.error());
  return json_response(200, R"({"status":"logged_out","sessions_ended":)" + std::to_string(*ended) + "}");
}

}  // namespace

Response create_user(const Services& services, const Call& call) {
  auto user = json::decode_new_user(call.request.body);
  if (!user) return error_response(user.error());
  return respond(services.auth.add_user(call.actor, *user), 201, json::encode_user);
}

Response list_users(const Services& services, const Call& call) {
  return respond(services.auth.list_users(call.actor), 200, json::encode_users);
}

Response get_user(const Services& services, const Call& call) {
  auto id = user_id_of(call);
  if (!id) return error_response(id.error());
  return respond(services.auth.get_user(call.actor, *id), 200, json::encode_user);
}

Response deactivate_user(const Services& services, const Call& call) {
  auto id = user_id_of(call);
  if (!id) return error_response(id.error());
  return respond(services.auth.set_active(call.actor, *id, false), 200, json::encode_user);
}

Response reactivate_user(const Services& services, const Call& call) {
  auto id = user_id_of(call);
  if (!id) return error_response(id.error());
  return respond(services.auth.set_active(call.actor, *id, true), 200, json::encode_user);
}

Response put_user_role(const Services& services, const Call& call) {
  auto id = user_id_of(call);
  if (!id) return error_response(id.error());
  auto change = json::decode_role_change(call.request.body);
  if (!change) return error_response(change.error());
  return respond(services.auth.change_role(call.actor, *id, *change), 200, json::encode_user);
}

Response put_user_password(const Services& services, const Call& call) {
  auto id = user_id_of(call);
  if (!id) return error_response(id.error());
  auto password = json::decode_password_reset(call.request.body);
  if (!password) return error_response(password.error());
  auto done = services.auth.reset_password(call.actor, *id, *password);
  if (!done) return error_response(done.error());
  return json_response(200, R"({"status":"password_reset"})");
}

Response logout_user_everywhere(const Services& services, const Call& call) {
  auto id = user_id_of(call);
  if (!id) return error_response(id.error());
  return ended_response(services.auth.logout_everywhere(call.actor, *id));
}

Response logout_everywhere(const Services& services, const Call& call) {
  return ended_response(services.auth.logout_everywhere(call.actor, call.actor.user_id));
}

Response put_own_password(const Services& services, const Call& call) {
  auto change = json::decode_password_change(call.request.body);
  if (!change) return error_response(change.error());
  auto done = services.auth.change_password(call.actor, call.token, change->current_password, change->password);
  if (!done) return error_response(done.error());
  return json_response(200, R"({"status":"password_changed"})");
}

}  // namespace hotline::net::handlers
