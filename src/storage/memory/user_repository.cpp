#include "storage/memory/user_repository.hpp"

#include <algorithm>

namespace hotline::storage::memory {
namespace {

// Usernames are ASCII (core checks them), so ASCII folding is the whole of "regardless of case".
bool same_name(std::string_view a, std::string_view b) {
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return fold(x) == fold(y); });
}

}  // namespace

core::Result<core::User> InMemoryUserRepository::create_user(const core::User& user) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, existing] : users_) {
    if (same_name(existing.username, user.username))
      return core::fail(core::ErrorCode::conflict, "username is taken", "username");
  }
  core::User stored = user;
  stored.id = next_id_++;
  users_.emplace(stored.id, stored);
  return stored;
}

core::Result<void> InMemoryUserRepository::update_user(const core::User& user) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(user.id);
  if (it == users_.end()) return core::fail(core::ErrorCode::not_found, "user not found");
  auto& stored = it->second;
  stored.role = user.role;
  stored.unit_id = user.unit_id;
  stored.display_name = user.display_name;
  stored.password_hash = user.password_hash;
  stored.active = user.active;
  return {};
}

core::Result<void> InMemoryUserRepository::record_login(std::int64_t id, core::Timestamp at) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(id);
  if (it == users_.end()) return core::fail(core::ErrorCode::not_found, "user not found");
  it->second.last_login_at = at;
  return {};
}

core::Result<core::User> InMemoryUserRepository::find_user(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(id);
  if (it == users_.end()) return core::fail(core::ErrorCode::not_found, "user not found");
  return it->second;
}

core::Result<core::User> InMemoryUserRepository::find_user_by_name(const std::string& username) {
  std::lock_guard lock(mutex_);
  const core::User* match = nullptr;  // the exact spelling wins, else the oldest of any case
  for (const auto& [id, user] : users_) {
    if (user.username == username) return user;
    if (match == nullptr && same_name(user.username, username)) match = &user;
  }
  if (match != nullptr) return *match;
  return core::fail(core::ErrorCode::not_found, "user not found");
}

core::Result<std::vector<core::User>> InMemoryUserRepository::list_users() {
  std::lock_guard lock(mutex_);
  std::vector<core::User> out;
  out.reserve(users_.size());
  for (const auto& [id, user] : users_) out.push_back(user);
  return out;
}

core::Result<void> InMemoryUserRepository::create_session(const core::Session& session) {
  std::lock_guard lock(mutex_);
  if (users_.find(session.user_id) == users_.end())
    return core::fail(core::ErrorCode::not_found, "user not found", "user_id");
  if (!sessions_.emplace(session.token_digest, session).second)
    return core::fail(core::ErrorCode::conflict, "session already exists");
  return {};
}

core::Result<core::Session> InMemoryUserRepository::find_session(const std::string& token_digest) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(token_digest);
  if (it == sessions_.end()) return core::fail(core::ErrorCode::not_found, "session not found");
  return it->second;
}

core::Result<void> InMemoryUserRepository::delete_session(const std::string& token_digest) {
  // Idempotent: deleting an unknown session succeeds, so a repeated logout is harmless.
  std::lock_guard lock(mutex_);
  sessions_.erase(token_digest);
  return {};
}

core::Result<void> InMemoryUserRepository::touch_session(const std::string& token_digest, core::Timestamp at) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(token_digest);
  if (it == sessions_.end()) return core::fail(core::ErrorCode::not_found, "session not found");
  it->second.last_seen_at = at;
  return {};
}

core::Result<int> InMemoryUserRepository::delete_user_sessions(std::int64_t user_id, const std::string& keep_digest) {
  std::lock_guard lock(mutex_);
  int deleted = 0;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.user_id == user_id && (keep_digest.empty() || it->first != keep_digest)) {
      it = sessions_.erase(it);
      ++deleted;
    } else {
      ++it;
    }
  }
  return deleted;
}

}  // namespace hotline::storage::memory
