#pragma once
// Accounts, login and bearer-token authentication. Passwords are hashed by an injected
// `PasswordHasher` (argon2id in production); tokens are random and only their digest is stored.
// Sign-ins are throttled per account name and per client address (`LoginThrottle`), cost one hash
// check whether or not the account exists, and each one, failed or not, is in the audit trail.
// Sessions end after an absolute lifetime and after an idle time (`SessionPolicy`), checked on
// every `authenticate`; the last use is written at most once per `touch_interval` per session.
// Account changes (deactivation, role and unit, passwords, signing out everywhere) take effect on
// the user's tokens at once and are audited with the state before and after (never a password).
// Thread-safe: the session cache and the policy are guarded by `mutex_`, account changes are
// serialised by `accounts_mutex_`; the throttles guard themselves.

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

// How long a session lives. Both limits are checked on every authenticated request.
struct SessionPolicy {
  std::chrono::seconds lifetime = std::chrono::hours{12};        // from sign-in, whatever the activity
  std::chrono::seconds idle_timeout = std::chrono::minutes{30};  // without a request
  // `last_seen_at` is written at most this often per session (a write per request would cost the
  // hot path); idle expiry is exact while the session is cached, and at most this much early after.
  std::chrono::seconds touch_interval = std::chrono::minutes{1};
};

// An administrator's change of role and unit (`AuthService::change_role`).
struct RoleChange {
  Role role = Role::agent;
  UnitId unit_id;  // required for unit handlers, refused for every other role
};

struct LoginResult {
  std::string token;
  User user;
  Timestamp expires_at{};
};

// Ok when `unit_id` suits `role`: a unit handler needs a unit of the tree, other roles none.
// Errors: invalid_argument on field "unit_id".
[[nodiscard]] Result<void> check_role_unit(const ReferenceService& reference, Role role, const UnitId& unit_id);

class AuthService {
 public:
  // Accounts: 5 free failures, then 30 s doubling to 15 min. Addresses: 20 free failures (an
  // office behind one address), then the same.
  AuthService(UserRepository& users, AuditRepository& audit, ReferenceService& reference, PasswordHasher& hasher,
              TokenGenerator& tokens, const Clock& clock, SessionPolicy sessions = {});

  // Replaces the session policy for sessions authenticated from now on (the composition root
  // sets the configured one before serving).
  void set_session_policy(const SessionPolicy& sessions);
  SessionPolicy session_policy();

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
  // The actor of a live session: known, not past its lifetime, used within the idle timeout, and
  // of an active account; marks the session used (written at most once per `touch_interval`).
  // Errors: unauthenticated (unknown, expired, idle or disabled); the repository's errors.
  [[nodiscard]] Result<Actor> authenticate(const std::string& token);
  [[nodiscard]] Result<void> logout(const std::string& token);
  // Ends every session of user `user_id` (the caller's own with them): the user's own
  // "log out everywhere", or an administrator's for anyone. Returns how many ended. Audited.
  // Errors: forbidden (another user's, not an admin), not_found.
  [[nodiscard]] Result<int> logout_everywhere(const Actor& actor, std::int64_t user_id);

  // All accounts, password hashes cleared. Admins only.
  [[nodiscard]] Result<std::vector<User>> list_users(const Actor& actor);
  // One account, password hash cleared. Admins only. Errors: forbidden, not_found.
  [[nodiscard]] Result<User> get_user(const Actor& actor, std::int64_t user_id);
  // Deactivates (`active` false: the user cannot sign in, every session ends at once) or
  // reactivates (old sessions stay ended) an account. Returns the account as it is now.
  // Admins only. Errors: forbidden, not_found, conflict (the last active administrator).
  [[nodiscard]] Result<User> set_active(const Actor& actor, std::int64_t user_id, bool active);
  // Sets role and unit; the user's tokens carry the new role from their next request.
  // Admins only. Errors: forbidden, not_found, invalid_argument (field "unit_id" or "role"),
  // conflict (demoting the last active administrator).
  [[nodiscard]] Result<User> change_role(const Actor& actor, std::int64_t user_id, const RoleChange& change);
  // An administrator sets a new password (the password policy applies); every session of the
  // user ends. Errors: forbidden, not_found, invalid_argument (field "password").
  [[nodiscard]] Result<void> reset_password(const Actor& actor, std::int64_t user_id, const std::string& password);
  // The signed-in user changes their own password, proving the current one; every other session
  // ends, the one of `token` stays. Wrong current passwords count like failed sign-ins.
  // Errors: invalid_argument (field "current_password" when it is wrong, "password" for the
  // policy), rate_limited, unauthenticated (the account is gone or disabled).
  [[nodiscard]] Result<void> change_password(const Actor& actor, const std::string& token,
                                             const std::string& current_password, const std::string& new_password);

 private:
  // The hash of no one's password, made on first use: what an unknown name's attempt is checked
  // against, so it takes as long as a wrong password.
  const std::string& dummy_hash();
  [[nodiscard]] Result<void> audit_login(const std::string& action, const std::string& username, const User* user,
                                         const std::string& reason);
  // `before` / `after`: the account around the change (subject "user:ID", their JSON without
  // any password hash); null when there is none.
  [[nodiscard]] Result<void> audit_account(const Actor& actor, const std::string& action, const std::string& reason,
                                           const User* before = nullptr, const User* after = nullptr);
  // Loads the target of an admin's change. Errors: forbidden (not an admin), not_found.
  [[nodiscard]] Result<User> load_for_admin(const Actor& actor, std::int64_t user_id);
  // Errors: conflict when `before` is the only active administrator and `after` is not one.
  [[nodiscard]] Result<void> keep_an_admin(const User& before, const User& after);
  // Stored sessions of `user_id` other than `keep_digest` end, and so do their cached copies.
  [[nodiscard]] Result<int> end_sessions(std::int64_t user_id, const std::string& keep_digest);
  // Drops the cached sessions of `user_id` (but `keep_digest`'s), so the next request re-reads
  // the account; a lookup in flight does not put its stale copy back (`generation_`).
  void forget_cached(std::int64_t user_id, const std::string& keep_digest);

  UserRepository& users_;
  AuditRepository& audit_;
  ReferenceService& reference_;
  PasswordHasher& hasher_;
  TokenGenerator& tokens_;
  const Clock& clock_;
  LoginThrottle accounts_;
  LoginThrottle addresses_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;

  struct CachedSession {
    Actor actor;
    Timestamp expires_at;
    Timestamp last_seen;     // the last request
    Timestamp last_written;  // the `last_seen_at` in storage
  };
  std::mutex accounts_mutex_;  // serialises account changes (the last-admin check and its write)
  std::mutex mutex_;           // guards sessions_, cache_ and generation_
  SessionPolicy sessions_;
  std::map<std::string, CachedSession, std::less<>> cache_;  // token digest -> session
  std::uint64_t generation_ = 0;  // counts `forget_cached` calls
};

}  // namespace hotline::core
