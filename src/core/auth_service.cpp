#include "core/auth_service.hpp"

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

}  // namespace

AuthService::AuthService(UserRepository& users, AuditRepository& audit, ReferenceService& reference,
                         PasswordHasher& hasher, TokenGenerator& tokens, const Clock& clock,
                         std::chrono::seconds session_lifetime)
    : users_(users),
      audit_(audit),
      reference_(reference),
      hasher_(hasher),
      tokens_(tokens),
      clock_(clock),
      session_lifetime_(session_lifetime),
      accounts_(clock, account_policy()),
      addresses_(clock, address_policy()) {}

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
  if (input.role == Role::unit_handler) {
    if (input.unit_id.empty()) return fail(ErrorCode::invalid_argument, "a unit handler needs a unit", "unit_id");
    if (reference_.snapshot()->units.find(input.unit_id) == nullptr)
      return fail(ErrorCode::invalid_argument, "unknown unit: " + input.unit_id, "unit_id");
  } else if (!input.unit_id.empty()) {
    return fail(ErrorCode::invalid_argument, "only unit handlers belong to a unit", "unit_id");
  }
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
    session.expires_at = session.created_at + session_lifetime_;
    auto stored = users_.create_session(session);
    if (!stored) return stored.error();
    if (auto audited = audit_login("login", username, known, from); !audited) return audited.error();
    return LoginResult{token, *known, session.expires_at};
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
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(digest);
    if (it != cache_.end()) {
      if (it->second.expires_at > now) return it->second.actor;
      cache_.erase(it);
      return fail(ErrorCode::unauthenticated, "session expired");
    }
  }
  auto session = users_.find_session(digest);
  if (!session) {
    if (session.error().code != ErrorCode::not_found) return session.error();
    return fail(ErrorCode::unauthenticated, "unknown session");
  }
  if (session->expires_at <= now) return fail(ErrorCode::unauthenticated, "session expired");
  auto user = users_.find_user(session->user_id);
  if (!user || !user->active) return fail(ErrorCode::unauthenticated, "account disabled");
  Actor actor{user->id, user->username, user->role, user->unit_id};
  std::lock_guard lock(mutex_);
  if (cache_.size() >= kMaxCachedSessions) cache_.clear();
  cache_[digest] = CachedSession{actor, session->expires_at};
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
  return add_user(user);
}

Result<std::vector<User>> AuthService::list_users(const Actor& actor) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  auto users = users_.list_users();
  if (!users) return users.error();
  for (auto& user : *users) user.password_hash.clear();
  return users;
}

}  // namespace hotline::core
