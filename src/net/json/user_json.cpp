#include "net/json/user_json.hpp"

#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {
namespace {

namespace bj = boost::json;

bj::object user_value(const core::User& user) {
  bj::value last_login = nullptr;
  if (user.last_login_at) last_login = bj::value(core::format_timestamp(*user.last_login_at));
  return bj::object{{"id", user.id},
                    {"username", user.username},
                    {"display_name", user.display_name},
                    {"role", to_string(user.role)},
                    {"unit_id", user.unit_id},
                    {"active", user.active},
                    {"created_at", core::format_timestamp(user.created_at)},
                    {"last_login_at", std::move(last_login)}};
}

}  // namespace

std::string encode_user(const core::User& user) {
  return wire::serialize(user_value(user));
}

std::string encode_users(const std::vector<core::User>& users) {
  bj::array items;
  for (const auto& user : users) items.emplace_back(user_value(user));
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

std::string encode_actor(const core::Actor& actor) {
  return wire::serialize(bj::object{{"id", actor.user_id},
                                    {"username", actor.username},
                                    {"role", to_string(actor.role)},
                                    {"unit_id", actor.unit_id}});
}

std::string encode_login(const core::LoginResult& login) {
  return wire::serialize(bj::object{{"token", login.token},
                                    {"expires_at", core::format_timestamp(login.expires_at)},
                                    {"user", user_value(login.user)}});
}

core::Result<Credentials> decode_credentials(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  Credentials out;
  out.username = reader.string("username", wire::Need::required).value_or("");
  out.password = reader.string("password", wire::Need::required).value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<core::NewUser> decode_new_user(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::NewUser out;
  out.username = reader.string("username", wire::Need::required).value_or("");
  out.password = reader.string("password", wire::Need::required).value_or("");
  if (auto role = reader.enumeration<core::Role>("role", core::parse_role, wire::Need::required)) out.role = *role;
  out.unit_id = reader.string("unit_id").value_or("");
  out.display_name = reader.string("display_name").value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<core::RoleChange> decode_role_change(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::RoleChange out;
  if (auto role = reader.enumeration<core::Role>("role", core::parse_role, wire::Need::required)) out.role = *role;
  out.unit_id = reader.string("unit_id").value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<std::string> decode_password_reset(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  std::string password = reader.string("password", wire::Need::required).value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return password;
}

core::Result<PasswordChange> decode_password_change(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  PasswordChange out;
  out.current_password = reader.string("current_password", wire::Need::required).value_or("");
  out.password = reader.string("password", wire::Need::required).value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

}  // namespace hotline::net::json
