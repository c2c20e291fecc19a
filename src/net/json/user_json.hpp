#pragma once
// Wire format of accounts and login. Password hashes never appear in any encoding.
// Pure functions; safe from any thread.

#include <string>
#include <string_view>
#include <vector>

#include "core/auth_service.hpp"
#include "core/result.hpp"
#include "core/ticket_event.hpp"
#include "core/user_repository.hpp"

namespace hotline::net::json {

struct Credentials {
  std::string username;
  std::string password;
};

struct PasswordChange {
  std::string current_password;
  std::string password;  // the new one
};

// {id, username, display_name, role, unit_id, active, created_at, last_login_at (null: never)}
std::string encode_user(const core::User& user);
std::string encode_users(const std::vector<core::User>& users);  // {"items":[user...]}
// The signed-in principal as /me shows it: {id, username, role, unit_id}.
std::string encode_actor(const core::Actor& actor);
// {"token","expires_at","user"}
std::string encode_login(const core::LoginResult& login);

// Required: username, password.
[[nodiscard]] core::Result<Credentials> decode_credentials(std::string_view body);
// Required: username, password, role. Optional: unit_id, display_name.
[[nodiscard]] core::Result<core::NewUser> decode_new_user(std::string_view body);
// Required: role. Optional: unit_id (required by core for unit handlers).
[[nodiscard]] core::Result<core::RoleChange> decode_role_change(std::string_view body);
// Required: password (an administrator's reset).
[[nodiscard]] core::Result<std::string> decode_password_reset(std::string_view body);
// Required: current_password, password.
[[nodiscard]] core::Result<PasswordChange> decode_password_change(std::string_view body);

}  // namespace hotline::net::json
