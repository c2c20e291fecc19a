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

}  // namespace

AuthService::AuthService(UserRepository& users, ReferenceService& reference, PasswordHasher& hasher,
                         TokenGenerator& tokens, const Clock& clock, std::chrono::seconds session_lifetime)
    : users_(users),
      reference_(reference),
      hasher_(hasher),
      tokens_(tokens),
      clock_(clock),
      session_lifetime_(session_lifetime) {}

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

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password) {
  auto user = users_.find_user_by_name(username);
  if (!user) {
    if (user.error().code != ErrorCode::not_found) return user.error();
    return fail(ErrorCode::unauthenticated, "wrong username or password");
  }
  if (!user->active || !hasher_.verify(user->password_hash, password))
    return fail(ErrorCode::unauthenticated, "wrong username or password");
  Session session;
  std::string token = tokens_.new_token();
  session.token_digest = tokens_.digest(token);
  session.user_id = user->id;
  session.created_at = clock_.now();
  session.expires_at = session.created_at + session_lifetime_;
  auto stored = users_.create_session(session);
  if (!stored) return stored.error();
  return LoginResult{token, *user, session.expires_at};
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
