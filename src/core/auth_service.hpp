#pragma once
// Accounts, login and bearer-token authentication. Passwords are hashed by an injected
// `PasswordHasher` (argon2id in production); tokens are random and only their digest is stored.
// Sign-ins are throttled per account name and per client address (`LoginThrottle`), cost one hash
// check whether or not the account exists, and each one, failed or not, is in the audit trail.
// Thread-safe: the session cache is guarded by `mutex_`; the throttles guard themselves.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_repository.hpp"
#include "core/clock.hpp"
#include "core/login_throttle.hpp"
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
  // Accounts: 5 free failures, then 30 s doubling to 15 min. Addresses: 20 free failures (an
  // office behind one address), then the same.
  AuthService(UserRepository& users, AuditRepository& audit, ReferenceService& reference, PasswordHasher& hasher,
              TokenGenerator& tokens, const Clock& clock,
              std::chrono::seconds session_lifetime = std::chrono::hours{12});

  // Errors: invalid_argument (field named; the password rules are core/password_policy.hpp),
  // conflict (username taken, in any case).
  [[nodiscard]] Result<User> add_user(const NewUser& user);
  // The same for an administrator at work; errors also forbidden for other roles.
  [[nodiscard]] Result<User> add_user(const Actor& actor, const NewUser& user);
  // Signs in from `client_address` (the peer's IP address; empty: not throttled by address).
  // Appends "login" or "login_failed" (with the address and why) to the audit trail first.
  // Errors: rate_limited with `retry_after` while the account name or the address is locked,
  // whatever the password; unauthenticated (the same message and the same hash check for an
  // unknown user, a wrong password and a disabled account; it says when a lock starts); the
  // audit trail's errors.
  [[nodiscard]] Result<LoginResult> login(const std::string& username, const std::string& password,
                                          const std::string& client_address);
  // Errors: unauthenticated (unknown, expired or disabled).
  [[nodiscard]] Result<Actor> authenticate(const std::string& token);
  [[nodiscard]] Result<void> logout(const std::string& token);
  // All accounts, password hashes cleared. Admins only.
  [[nodiscard]] Result<std::vector<User>> list_users(const Actor& actor);

 private:
  // The hash of no one's password, made on first use: what an unknown name's attempt is checked
  // against, so it takes as long as a wrong password.
  const std::string& dummy_hash();
  [[nodiscard]] Result<void> audit_login(const std::string& action, const std::string& username, const User* user,
                                         const std::string& reason);

  UserRepository& users_;
  AuditRepository& audit_;
  ReferenceService& reference_;
  PasswordHasher& hasher_;
  TokenGenerator& tokens_;
  const Clock& clock_;
  std::chrono::seconds session_lifetime_;
  LoginThrottle accounts_;
  LoginThrottle addresses_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;

  struct CachedSession {
    Actor actor;
    Timestamp expires_at;
  };
  std::mutex mutex_;  // guards cache_
  std::map<std::string, CachedSession, std::less<>> cache_;  // token digest -> session
};

}  // namespace hotline::core
