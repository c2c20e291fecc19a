#pragma once
// `SqliteSettingsRepository`: the `core::SettingsRepository` port on SQLite, one row per key in
// the `settings` table ("deadlines", and "kpi" written by `SqliteKpiRepository::change_config`),
// each value in the text form of settings_codec.hpp. Writes go through the group-commit writer.
// Created and owned by `Database`. Thread-safe.

#include <optional>
#include <string>

#include "core/settings_repository.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

// The value stored under `key`, nullopt when none. Throws `SqliteError` on storage failure.
std::optional<std::string> read_setting(Connection& db, const std::string& key);
// Inserts or replaces the value under `key`. Throws `SqliteError` on storage failure.
void write_setting(Connection& db, const std::string& key, const std::string& value);

class SqliteSettingsRepository final : public core::SettingsRepository {
 public:
  SqliteSettingsRepository(GroupCommitWriter& writer, ReadPool& readers);

  // core::SettingsRepository
  [[nodiscard]] core::Result<std::optional<core::DeadlinePolicy>> deadline_policy() override;
  [[nodiscard]] core::Result<void> put_deadline_policy(const core::DeadlinePolicy& policy) override;

 private:
  GroupCommitWriter& writer_;
  ReadPool& readers_;
};

}  // namespace hotline::storage::sqlite
