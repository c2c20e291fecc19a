#pragma once
// `SqliteDispatchCatalogueRepository`: the dispatch catalogue on SQLite (table `dispatch_rules`,
// migration 4). Writes go through the group-commit writer. Created and owned by `Database`.
// Thread-safe.

#include "core/dispatch_catalogue_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteDispatchCatalogueRepository final : public core::DispatchCatalogueRepository {
 public:
  SqliteDispatchCatalogueRepository(GroupCommitWriter& writer, ReadPool& readers);

  // core::DispatchCatalogueRepository
  [[nodiscard]] core::Result<std::vector<core::DispatchRule>> list() override;
  [[nodiscard]] core::Result<void> upsert(const core::DispatchRule& rule) override;
  [[nodiscard]] core::Result<void> upsert_all(const std::vector<core::DispatchRule>& rules) override;
  [[nodiscard]] core::Result<void> remove(const std::string& id) override;

 private:
  GroupCommitWriter& writer_;
  ReadPool& readers_;
};

}  // namespace hotline::storage::sqlite
