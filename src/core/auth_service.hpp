#pragma once
// Accounts, login and bearer-token authentication. Passwords are hashed by an injected
// `PasswordHasher` (argon2id in production); tokens are random and only their digest is stored.
// Thread-safe: the session cache is guarded by `mutex_`.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/reference_service.hpp"
#include "core/result.hpp"
#include "core/ticket_event.hpp"
#include "core/user_repository.hpp"

namespace hotline::core {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string hash(const std::string& password) = 0;
  virtual bool verify(const std::string& hash, const std::string& password) = 0;
};

class TokenGenerator {
 public:
  virtual ~TokenGenerator() = default;
  virtual std::string new_token() = 0;                     // unguessable, URL-safe
  virtual std::string digest(const std::string& token) = 0;  // one-way, deterministic
};

struct NewUser {
  std::string username;
  std::string password;
  Role role = Role::agent;
  UnitId unit_id;
  std::string display_name;
};

struct LoginResult {
  std::string token;
  User user;
  Timestamp expires_at{};
};

class AuthService {
 public:
  AuthService(UserRepository& users, ReferenceService& reference, PasswordHasher& hasher, TokenGenerator& tokens,
              const Clock& clock, std::chrono::seconds session_lifetime = std::chrono::hours{12});

  // Errors: invalid_argument (field named; the password rules are core/password_policy.hpp),
  // conflict (username taken, in any case).
  [[nodiscard]] Result<User> add_user(const NewUser& user);
  // The same for an administrator at work; errors also forbidden for other roles.
  [[nodiscard]] Result<User> add_user(const Actor& actor, const NewUser& user);
  // Errors: unauthenticated (same message for unknown user and wrong password).
  [[nodiscard]] Result<LoginResult> login(const std::string& username, const std::string& password);
  // Errors: unauthenticated (unknown, expired or disabled).
  [[nodiscard]] Result<Actor> authenticate(const std::string& token);
  [[nodiscard]] Result<void> logout(const std::string& token);
  // All accounts, password hashes cleared. Admins only.
  [[nodiscard]] Result<std::vector<User>> list_users(const Actor& actor);

 private:
  UserRepository& users_;
  ReferenceService& reference_;
  PasswordHasher& hasher_;
  TokenGenerator& tokens_;
  const Clock& clock_;
  std::chrono::seconds session_lifetime_;

  struct CachedSession {
    Actor actor;
    Timestamp expires_at;
  };
  std::mutex mutex_;  // guards cache_
  std::map<std::string, CachedSession, std::less<>> cache_;  // token digest -> session
};

}  // namespace hotline::core
