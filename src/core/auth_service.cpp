#include "core/auth_service.hpp"

#include "core/change_audit.hpp"

#include "core/access.hpp"
#include "core/password_policy.hpp"

#include <algorithm>

namespace hotline::core {
namespace {

bool valid_username(const std::string& name) {
  if (name.size() < 2 || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

constexpr std::size_t kMaxCachedSessions = 100000;

LoginThrottlePolicy account_policy() { return LoginThrottlePolicy{}; }

LoginThrottlePolicy address_policy() {
  LoginThrottlePolicy policy;
  policy.free_failures = 20;
  return policy;
}

// At most 64 bytes of what was typed as a name (no longer name exists), cut at a character boundary.
std::string clip_name(const std::string& name) {
  if (name.size() <= 64) return name;
  std::size_t end = 64;
  while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  return name.substr(0, end);
}

std::string account_key(const std::string& username) {
  std::string key = "account:" + clip_name(username);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // one name regardless of case
  }
  return key;
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string unit_text(const UnitId& unit) { return unit.empty() ? "-" : unit; }

// "user #3 bob" and the account's role, unit and active flag, before and after.
std::string describe_change(const User& before, const User& after) {
  return "user #" + std::to_string(before.id) + " " + before.username + ": role " +
         std::string(to_string(before.role)) + " -> " + std::string(to_string(after.role)) + ", unit " +
         unit_text(before.unit_id) + " -> " + unit_text(after.unit_id) + ", active " + yes_no(before.active) +
         " -> " + yes_no(after.active);
}

std::string account_json(const User& user) {
  return "{\"id\":" + std::to_string(user.id) + ",\"username\":" + json_quote(user.username) +
         ",\"role\":" + json_quote(std::string(to_string(user.role))) + ",\"unit_id\":" + json_quote(user.unit_id) +
         ",\"active\":" + (user.active ? "true" : "false") + "}";
}

User without_hash(User user) {
  user.password_hash.clear();
  return user;
}

}  // namespace

Result<void> check_role_unit(const ReferenceService& reference, Role role, const UnitId& unit_id) {
  if (role == Role::unit_handler) {
    if (unit_id.empty()) return fail(ErrorCode::invalid_argument, "a unit handler needs a unit", "unit_id");
    if (reference.snapshot()->units.find(unit_id) == nullptr)
      return fail(ErrorCode::invalid_argument, "unknown unit: " + unit_id, "unit_id");
  } else if (!unit_id.empty()) {
    return fail(ErrorCode::invalid_argument, "only unit handlers belong to a unit", "unit_id");
  }
  return {};
}

AuthService::AuthService(UserRepository& users, AuditRepository& audit, ReferenceService& reference,
                         PasswordHasher& hasher, TokenGenerator& tokens, const Clock& clock, SessionPolicy sessions)
    : users_(users),
      audit_(audit),
      reference_(reference),
      hasher_(hasher),
      tokens_(tokens),
      clock_(clock),
      accounts_(clock, account_policy()),
      addresses_(clock, address_policy()),
      sessions_(sessions) {}

void AuthService::set_session_policy(const SessionPolicy& sessions) {
  std::lock_guard lock(mutex_);
  sessions_ = sessions;
}

SessionPolicy AuthService::session_policy() {
  std::lock_guard lock(mutex_);
  return sessions_;
}

const std::string& AuthService::dummy_hash() {
  std::call_once(dummy_once_, [this] { dummy_hash_ = hasher_.hash("no account has this password: timing only"); });
  return dummy_hash_;
}

Result<void> AuthService::audit_login(const std::string& action, const std::string& username, const User* user,
                                      const std::string& reason) {
  AuditEntry entry;
  entry.at = clock_.now();
  entry.actor_id = user != nullptr ? user->id : 0;  // 0: no account has that name
  entry.actor = user != nullptr ? user->username : clip_name(username);
  entry.role = user != nullptr ? user->role : Role::agent;
  entry.action = action;
  entry.reason = reason;
  auto stored = audit_.append(entry);
  if (!stored) return stored.error();
  return {};
}

Result<User> AuthService::add_user(const NewUser& input) {
  if (!valid_username(input.username))
    return fail(ErrorCode::invalid_argument, "username must be 2-64 letters, digits, '_', '-' or '.'", "username");
  if (auto ok = check_password(input.password, input.username); !ok) return ok.error();
  if (auto ok = check_role_unit(reference_, input.role, input.unit_id); !ok) return ok.error();
  User user;
  user.username = input.username;
  user.display_name = input.display_name.empty() ? input.username : input.display_name;
  user.role = input.role;
  user.unit_id = input.unit_id;
  user.password_hash = hasher_.hash(input.password);
  user.created_at = clock_.now();
  return users_.create_user(user);
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& client_address) {
  const std::string account = account_key(username);
  const std::string address = client_address.empty() ? std::string{} : "address:" + client_address;
  auto wait = accounts_.wait(account);
  if (!address.empty()) wait = std::max(wait, addresses_.wait(address));
  if (wait.count() > 0) {
    // Refused unchecked and unaudited: the lock itself was audited with the failure that began it.
    const std::string message = "too many failed sign-ins for this account or from this address; sign-in is "
                                "locked, try again in " + std::to_string(wait.count()) + " seconds";
    Error locked = make_error(ErrorCode::rate_limited, message);
    locked.retry_after = wait;
    return locked;
  }
  const std::string from = "from " + (client_address.empty() ? std::string("an unknown address") : client_address);

  auto user = users_.find_user_by_name(username);
  if (!user && user.error().code != ErrorCode::not_found) return user.error();
  const User* known = user ? &*user : nullptr;
  // Always one hash check: an unknown name is checked against a dummy hash and a disabled account
  // against its own, so the time taken tells nothing about which names exist.
  const bool password_ok = hasher_.verify(known != nullptr ? known->password_hash : dummy_hash(), password);
  if (known != nullptr && known->active && password_ok) {
    accounts_.record_success(account);
    Session session;
    std::string token = tokens_.new_token();
    session.token_digest = tokens_.digest(token);
    session.user_id = known->id;
    session.created_at = clock_.now();
    session.expires_at = session.created_at + session_policy().lifetime;
    session.last_seen_at = session.created_at;
    auto stored = users_.create_session(session);
    if (!stored) return stored.error();
    if (auto recorded = users_.record_login(known->id, session.created_at); !recorded) return recorded.error();
    if (auto audited = audit_login("login", username, known, from); !audited) return audited.error();
    User signed_in = without_hash(*known);
    signed_in.last_login_at = session.created_at;
    return LoginResult{token, signed_in, session.expires_at};
  }

  auto lock = accounts_.record_failure(account);
  if (!address.empty()) lock = std::max(lock, addresses_.record_failure(address));
  std::string why = known == nullptr ? "unknown user" : !known->active ? "account disabled" : "wrong password";
  std::string notice = lock.count() > 0 ? "; sign-in locked for " + std::to_string(lock.count()) + " seconds" : "";
  if (auto audited = audit_login("login_failed", username, known, from + ": " + why + notice); !audited)
    return audited.error();
  if (lock.count() > 0)
    return fail(ErrorCode::unauthenticated,
                "wrong username or password; too many failed sign-ins, sign-in is locked for " +
                    std::to_string(lock.count()) + " seconds");
  return fail(ErrorCode::unauthenticated, "wrong username or password");
}

Result<Actor> AuthService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256) return fail(ErrorCode::unauthenticated, "missing or malformed token");
  std::string digest = tokens_.digest(token);
  Timestamp now = clock_.now();
  std::uint64_t generation = 0;
  SessionPolicy policy;
  std::optional<Actor> cached_actor;  // a cached session whose last use is due to be written
  {
    std::lock_guard lock(mutex_);
    policy = sessions_;
    generation = generation_;
    auto it = cache_.find(digest);
    if (it != cache_.end()) {
      CachedSession& cached = it->second;
      if (cached.expires_at <= now) {
        cache_.erase(it);
        return fail(ErrorCode::unauthenticated, "session expired");
      }
      if (now - cached.last_seen >= policy.idle_timeout) {
        cache_.erase(it);
        return fail(ErrorCode::unauthenticated, "session expired after inactivity");
      }
      cached.last_seen = now;
      if (now - cached.last_written < policy.touch_interval) return cached.actor;
      cached.last_written = now;  // this request writes it (below, unlocked); concurrent ones need not
      cached_actor = cached.actor;
    }
  }
  if (cached_actor) {
    if (auto touched = users_.touch_session(digest, now); !touched) {
      if (touched.error().code != ErrorCode::not_found) return touched.error();
      return fail(ErrorCode::unauthenticated, "unknown session");  // ended meanwhile
    }
    return *cached_actor;
  }

  auto session = users_.find_session(digest);
  if (!session) {
    if (session.error().code != ErrorCode::not_found) return session.error();
    return fail(ErrorCode::unauthenticated, "unknown session");
  }
  if (session->expires_at <= now) return fail(ErrorCode::unauthenticated, "session expired");
  if (now - session->last_seen_at >= policy.idle_timeout)
    return fail(ErrorCode::unauthenticated, "session expired after inactivity");
  auto user = users_.find_user(session->user_id);
  if (!user || !user->active) return fail(ErrorCode::unauthenticated, "account disabled");
  Timestamp written = session->last_seen_at;
  if (now - written >= policy.touch_interval) {
    if (auto touched = users_.touch_session(digest, now); !touched) {
      if (touched.error().code != ErrorCode::not_found) return touched.error();
      return fail(ErrorCode::unauthenticated, "unknown session");  // ended meanwhile
    }
    written = now;
  }
  Actor actor{user->id, user->username, user->role, user->unit_id};
  std::lock_guard lock(mutex_);
  // An account change since the lookup began may have made this copy stale: serve this one
  // request (it started before the change), cache nothing.
  if (generation != generation_) return actor;
  if (cache_.size() >= kMaxCachedSessions) cache_.clear();
  cache_[digest] = CachedSession{actor, session->expires_at, now, written};
  return actor;
}

Result<void> AuthService::logout(const std::string& token) {
  std::string digest = tokens_.digest(token);
  {
    std::lock_guard lock(mutex_);
    cache_.erase(digest);
  }
  return users_.delete_session(digest);
}

Result<User> AuthService::add_user(const Actor& actor, const NewUser& user) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  auto created = add_user(user);
  if (!created) return created.error();
  const std::string reason = "user #" + std::to_string(created->id) + " " + created->username + ": created, role " +
                             std::string(to_string(created->role)) + ", unit " + unit_text(created->unit_id);
  if (auto audited = audit_account(actor, "user_created", reason, nullptr, &*created); !audited) return audited.error();
  return without_hash(*created);
}

Result<std::vector<User>> AuthService::list_users(const Actor& actor) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  auto users = users_.list_users();
  if (!users) return users.error();
  for (auto& user : *users) user.password_hash.clear();
  return users;
}

Result<void> AuthService::audit_account(const Actor& actor, const std::string& action, const std::string& reason,
                                        const User* before, const User* after) {
  AuditEntry entry;
  if (before != nullptr || after != nullptr)
    entry.subject = "user:" + std::to_string(after != nullptr ? after->id : before->id);
  if (before != nullptr) entry.before = account_json(*before);
  if (after != nullptr) entry.after = account_json(*after);
  entry.at = clock_.now();
  entry.actor_id = actor.user_id;
  entry.actor = actor.username;
  entry.role = actor.role;
  entry.action = action;
  entry.reason = reason;
  auto stored = audit_.append(entry);
  if (!stored) return stored.error();
  return {};
}

Result<User> AuthService::load_for_admin(const Actor& actor, std::int64_t user_id) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  return users_.find_user(user_id);
}

Result<void> AuthService::keep_an_admin(const User& before, const User& after) {
  const bool was_admin = before.active && before.role == Role::admin;
  const bool is_admin = after.active && after.role == Role::admin;
  if (!was_admin || is_admin) return {};
  auto all = users_.list_users();
  if (!all) return all.error();
  const auto active_admins = std::count_if(all->begin(), all->end(), [](const User& user) {
    return user.active && user.role == Role::admin;
  });
  if (active_admins <= 1)
    return fail(ErrorCode::conflict,
                "the last active administrator cannot be deactivated or given another role; make another "
                "administrator first");
  return {};
}

void AuthService::forget_cached(std::int64_t user_id, const std::string& keep_digest) {
  std::lock_guard lock(mutex_);
  ++generation_;
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.actor.user_id == user_id && it->first != keep_digest) {
      it = cache_.erase(it);
    } else {
      ++it;
    }
  }
}

Result<int> AuthService::end_sessions(std::int64_t user_id, const std::string& keep_digest) {
  // Storage first: a lookup that misses the cache afterwards finds the session gone.
  auto ended = users_.delete_user_sessions(user_id, keep_digest);
  forget_cached(user_id, keep_digest);
  return ended;
}

Result<User> AuthService::get_user(const Actor& actor, std::int64_t user_id) {
  auto user = load_for_admin(actor, user_id);
  if (!user) return user.error();
  return without_hash(*user);
}

Result<User> AuthService::set_active(const Actor& actor, std::int64_t user_id, bool active) {
  std::lock_guard accounts(accounts_mutex_);
  auto before = load_for_admin(actor, user_id);
  if (!before) return before.error();
  User after = *before;
  after.active = active;
  if (auto kept = keep_an_admin(*before, after); !kept) return kept.error();
  if (before->active != active) {
    if (auto updated = users_.update_user(after); !updated) return updated.error();
  }
  std::string reason = describe_change(*before, after);
  if (!active) {
    // Also when already inactive: a session left over from before is ended all the same.
    auto ended = end_sessions(user_id, "");
    if (!ended) return ended.error();
    reason += "; " + std::to_string(*ended) + " sessions ended";
  }
  if (auto audited = audit_account(actor, active ? "user_reactivated" : "user_deactivated", reason, &*before, &after); !audited)
    return audited.error();
  return without_hash(after);
}

Result<User> AuthService::change_role(const Actor& actor, std::int64_t user_id, const RoleChange& change) {
  std::lock_guard accounts(accounts_mutex_);
  auto before = load_for_admin(actor, user_id);
  if (!before) return before.error();
  if (auto ok = check_role_unit(reference_, change.role, change.unit_id); !ok) return ok.error();
  User after = *before;
  after.role = change.role;
  after.unit_id = change.unit_id;
  if (auto kept = keep_an_admin(*before, after); !kept) return kept.error();
  if (auto updated = users_.update_user(after); !updated) return updated.error();
  forget_cached(user_id, "");  // the next request of each session reads the new role
  if (auto audited = audit_account(actor, "user_role_changed", describe_change(*before, after), &*before, &after); !audited)
    return audited.error();
  return without_hash(after);
}

Result<void> AuthService::reset_password(const Actor& actor, std::int64_t user_id, const std::string& password) {
  std::lock_guard accounts(accounts_mutex_);
  auto user = load_for_admin(actor, user_id);
  if (!user) return user.error();
  if (auto ok = check_password(password, user->username); !ok) return ok.error();
  User after = *user;
  after.password_hash = hasher_.hash(password);
  if (auto updated = users_.update_user(after); !updated) return updated.error();
  auto ended = end_sessions(user_id, "");
  if (!ended) return ended.error();
  return audit_account(actor, "password_reset",
                       describe_change(*user, after) + "; password reset, " + std::to_string(*ended) +
                           " sessions ended",
                       &*user, &after);
}

Result<void> AuthService::change_password(const Actor& actor, const std::string& token,
                                          const std::string& current_password, const std::string& new_password) {
  const std::string account = account_key(actor.username);
  if (auto wait = accounts_.wait(account); wait.count() > 0) {
    Error locked = make_error(ErrorCode::rate_limited, "too many wrong passwords for this account; try again in " +
                                                           std::to_string(wait.count()) + " seconds");
    locked.retry_after = wait;
    return locked;
  }
  std::lock_guard accounts(accounts_mutex_);
  auto user = users_.find_user(actor.user_id);
  if (!user) {
    if (user.error().code != ErrorCode::not_found) return user.error();
    return fail(ErrorCode::unauthenticated, "account disabled");
  }
  if (!user->active) return fail(ErrorCode::unauthenticated, "account disabled");
  if (!hasher_.verify(user->password_hash, current_password)) {
    auto lock = accounts_.record_failure(account);
    std::string notice = lock.count() > 0 ? "; locked for " + std::to_string(lock.count()) + " seconds" : "";
    if (auto audited = audit_account(actor, "password_change_failed", "wrong current password" + notice); !audited)
      return audited.error();
    return fail(ErrorCode::invalid_argument, "the current password is wrong", "current_password");
  }
  if (auto ok = check_password(new_password, user->username); !ok) return ok.error();
  User after = *user;
  after.password_hash = hasher_.hash(new_password);
  if (auto updated = users_.update_user(after); !updated) return updated.error();
  accounts_.record_success(account);
  auto ended = end_sessions(user->id, tokens_.digest(token));
  if (!ended) return ended.error();
  return audit_account(actor, "password_changed",
                       describe_change(*user, after) + "; own password changed, " + std::to_string(*ended) +
                           " other sessions ended");
}

Result<int> AuthService::logout_everywhere(const Actor& actor, std::int64_t user_id) {
  if (actor.user_id != user_id) {
    if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  }
  auto user = users_.find_user(user_id);
  if (!user) return user.error();
  auto ended = end_sessions(user_id, "");
  if (!ended) return ended.error();
  const std::string reason = "user #" + std::to_string(user->id) + " " + user->username + ": " +
                             std::to_string(*ended) + " sessions ended";
  if (auto audited = audit_account(actor, "logout_everywhere", reason); !audited) return audited.error();
  return ended;
}

}  // namespace hotline::core
