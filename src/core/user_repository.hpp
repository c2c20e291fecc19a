#pragma once
// Port: accounts and login sessions. Synchronous, thread-safe, durable on success.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::agent;
  UnitId unit_id;              // required for unit handlers
  std::string password_hash;   // argon2id string, never leaves core/storage
  bool active = true;
  Timestamp created_at{};
  std::optional<Timestamp> last_login_at;  // the last successful sign-in; written by `record_login` only
};

struct Session {
  std::string token_digest;  // digest of the bearer token; the token itself is never stored
  std::int64_t user_id = 0;
  Timestamp created_at{};
  Timestamp expires_at{};     // the absolute end, whatever the activity
  Timestamp last_seen_at{};   // the last request as last written (at most once a minute per session)
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Assigns an id. Errors: conflict (field "username") when the username is taken in any case:
  // "Alice" and "alice" are one name.
  [[nodiscard]] virtual Result<User> create_user(const User& user) = 0;
  // Replaces role, unit, display name, password hash and active flag (not `last_login_at`).
  // Errors: not_found.
  [[nodiscard]] virtual Result<void> update_user(const User& user) = 0;
  // Sets `last_login_at` of user `id` to `at`. Errors: not_found.
  [[nodiscard]] virtual Result<void> record_login(std::int64_t id, Timestamp at) = 0;
  [[nodiscard]] virtual Result<User> find_user(std::int64_t id) = 0;
  // The account of `username` in any case (the exact spelling first, for the pairs an older schema
  // allowed). Errors: not_found.
  [[nodiscard]] virtual Result<User> find_user_by_name(const std::string& username) = 0;
  [[nodiscard]] virtual Result<std::vector<User>> list_users() = 0;

  [[nodiscard]] virtual Result<void> create_session(const Session& session) = 0;
  // Errors: not_found (unknown or deleted; expiry is the caller's check).
  [[nodiscard]] virtual Result<Session> find_session(const std::string& token_digest) = 0;
  [[nodiscard]] virtual Result<void> delete_session(const std::string& token_digest) = 0;
  // Sets `last_seen_at` of a session. Errors: not_found (unknown or deleted).
  [[nodiscard]] virtual Result<void> touch_session(const std::string& token_digest, Timestamp at) = 0;
  // Deletes every session of user `user_id` except the one whose digest is `keep_digest` (empty:
  // none kept); returns how many were deleted. An unknown user has none: 0.
  [[nodiscard]] virtual Result<int> delete_user_sessions(std::int64_t user_id, const std::string& keep_digest) = 0;
};

}  // namespace hotline::core
