#pragma once
// `SqliteUserRepository`: accounts and sessions on SQLite (tables `users`, `sessions`).
// `list_users` is ordered by id. Created and owned by `Database`; borrows its writer and read pool.
// Thread-safe.

#include "core/user_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteUserRepository final : public core::UserRepository {
 public:
  SqliteUserRepository(GroupCommitWriter& writer, ReadPool& readers);

  // core::UserRepository
  [[nodiscard]] core::Result<core::User> create_user(const core::User& user) override;
  [[nodiscard]] core::Result<void> update_user(const core::User& user) override;
  [[nodiscard]] core::Result<void> record_login(std::int64_t id, core::Timestamp at) override;
  [[nodiscard]] core::Result<core::User> find_user(std::int64_t id) override;
  [[nodiscard]] core::Result<core::User> find_user_by_name(const std::string& username) override;
  [[nodiscard]] core::Result<std::vector<core::User>> list_users() override;
  // Errors: not_found (unknown user), conflict (digest already stored).
  [[nodiscard]] core::Result<void> create_session(const core::Session& session) override;
  [[nodiscard]] core::Result<core::Session> find_session(const std::string& token_digest) override;
  // Idempotent: deleting an unknown session succeeds.
  [[nodiscard]] core::Result<void> delete_session(const std::string& token_digest) override;
  [[nodiscard]] core::Result<void> touch_session(const std::string& token_digest, core::Timestamp at) override;
  [[nodiscard]] core::Result<int> delete_user_sessions(std::int64_t user_id, const std::string& keep_digest) override;

 private:
  GroupCommitWriter& writer_;
  ReadPool& readers_;
};

}  // namespace hotline::storage::sqlite
