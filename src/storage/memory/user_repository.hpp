#pragma once
// `InMemoryUserRepository`: accounts and sessions in process memory, for tests and demos.
// `list_users` is ordered by id. Thread-safe: every method locks `mutex_`.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/user_repository.hpp"

namespace hotline::storage::memory {

class InMemoryUserRepository final : public core::UserRepository {
 public:
  InMemoryUserRepository() = default;

  // core::UserRepository
  [[nodiscard]] core::Result<core::User> create_user(const core::User& user) override;
  [[nodiscard]] core::Result<void> update_user(const core::User& user) override;
  [[nodiscard]] core::Result<void> record_login(std::int64_t id, core::Timestamp at) override;
  [[nodiscard]] core::Result<core::User> find_user(std::int64_t id) override;
  [[nodiscard]] core::Result<core::User> find_user_by_name(const std::string& username) override;
  [[nodiscard]] core::Result<std::vector<core::User>> list_users() override;
  [[nodiscard]] core::Result<void> create_session(const core::Session& session) override;
  [[nodiscard]] core::Result<core::Session> find_session(const std::string& token_digest) override;
  [[nodiscard]] core::Result<void> delete_session(const std::string& token_digest) override;
  [[nodiscard]] core::Result<void> touch_session(const std::string& token_digest, core::Timestamp at) override;
  [[nodiscard]] core::Result<int> delete_user_sessions(std::int64_t user_id, const std::string& keep_digest) override;

 private:
  std::mutex mutex_;  // guards users_, sessions_ and next_id_
  std::map<std::int64_t, core::User> users_;
  std::map<std::string, core::Session> sessions_;
  std::int64_t next_id_ = 1;
};

}  // namespace hotline::storage::memory
