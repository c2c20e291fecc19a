#pragma once
// `SqliteReferenceRepository`: units, categories and calendar days on SQLite (tables `units`,
// `categories`, `calendar_days`). Lists are ordered by unit id, by category levels and by date.
// Created and owned by `Database`; borrows its writer and read pool. Thread-safe.

#include "core/reference_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteReferenceRepository final : public core::ReferenceRepository {
 public:
  SqliteReferenceRepository(GroupCommitWriter& writer, ReadPool& readers);

  // core::ReferenceRepository
  [[nodiscard]] core::Result<std::vector<core::Unit>> list_units() override;
  [[nodiscard]] core::Result<void> upsert_units(const std::vector<core::Unit>& units) override;
  [[nodiscard]] core::Result<std::vector<core::Category>> list_categories() override;
  [[nodiscard]] core::Result<void> add_categories(const std::vector<core::Category>& categories) override;
  [[nodiscard]] core::Result<void> add_category(const core::Category& category) override;
  [[nodiscard]] core::Result<void> rename_category(const std::string& path, const std::string& name) override;
  [[nodiscard]] core::Result<void> set_category_retired(const std::string& path, bool retired) override;
  [[nodiscard]] core::Result<std::vector<core::CalendarDay>> list_calendar_days() override;
  [[nodiscard]] core::Result<void> upsert_calendar_days(const std::vector<core::CalendarDay>& days) override;
  [[nodiscard]] core::Result<void> remove_calendar_day(core::Date date) override;

 private:
  GroupCommitWriter& writer_;
  ReadPool& readers_;
};

}  // namespace hotline::storage::sqlite
