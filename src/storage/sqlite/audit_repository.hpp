#pragma once
// `SqliteAuditRepository`: the audit trail on SQLite (table `audit_log`, migration 2). Appends go
// through the group-commit writer, so an entry is durable before the contact it guards is shown.
// Created and owned by `Database`. Thread-safe.

#include "core/audit_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteAuditRepository final : public core::AuditRepository {
 public:
  SqliteAuditRepository(GroupCommitWriter& writer, ReadPool& readers);

  // core::AuditRepository
  [[nodiscard]] core::Result<core::AuditEntry> append(const core::AuditEntry& entry) override;
  [[nodiscard]] core::Result<std::vector<core::AuditEntry>> list(const core::AuditQuery& query) override;

 private:
  GroupCommitWriter& writer_;
  ReadPool& readers_;
};

}  // namespace hotline::storage::sqlite
