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
};

struct Session {
  std::string token_digest;  // digest of the bearer token; the token itself is never stored
  std::int64_t user_id = 0;
  Timestamp created_at{};
  Timestamp expires_at{};
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Assigns an id. Errors: conflict (field "username") when the username is taken in any case:
  // "Alice" and "alice" are one name.
  [[nodiscard]] virtual Result<User> create_user(const User& user) = 0;
  // Replaces role, unit, display name, password hash and active flag. Errors: not_found.
  [[nodiscard]] virtual Result<void> update_user(const User& user) = 0;
  [[nodiscard]] virtual Result<User> find_user(std::int64_t id) = 0;
  // The account of `username` in any case (the exact spelling first, for the pairs an older schema
  // allowed). Errors: not_found.
  [[nodiscard]] virtual Result<User> find_user_by_name(const std::string& username) = 0;
  [[nodiscard]] virtual Result<std::vector<User>> list_users() = 0;

  [[nodiscard]] virtual Result<void> create_session(const Session& session) = 0;
  // Errors: not_found (unknown or deleted; expiry is the caller's check).
  [[nodiscard]] virtual Result<Session> find_session(const std::string& token_digest) = 0;
  [[nodiscard]] virtual Result<void> delete_session(const std::string& token_digest) = 0;
};

}  // namespace hotline::core
