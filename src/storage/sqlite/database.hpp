#pragma once
// `Database`: one SQLite file and everything that works on it - the schema migrations, the single
// group-commit writer (`GroupCommitWriter`), a pool of read connections (`ReadPool`) and the
// repositories of the `core::Storage` bundle. It owns all of them; the repositories it hands out live as long as it does.
//
// Settings: WAL journal (readers never block the writer; checkpoints and full-text merges on a
// background thread, see maintenance.hpp), `synchronous=FULL` (a write is
// acknowledged only once it is on disk), foreign keys on, a busy timeout, and a modest page cache
// per connection so memory stays bounded.
//
// Errors: the constructor throws `std::runtime_error` with a one-line message when the file
// cannot be opened or prepared, or when its schema is newer than this program (startup errors are
// fatal; `main` prints the line and exits). Everything after construction returns `core::Result`.
// Thread-safe: repositories and `stats` may be used from any thread.

#include <cstddef>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "core/storage.hpp"
#include "storage/sqlite/audit_repository.hpp"
#include "storage/sqlite/dispatch_catalogue_repository.hpp"
#include "storage/sqlite/outbox_repository.hpp"
#include "storage/sqlite/quality_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/maintenance.hpp"
#include "storage/sqlite/kpi_repository.hpp"
#include "storage/sqlite/read_pool.hpp"
#include "storage/sqlite/reference_repository.hpp"
#include "storage/sqlite/settings_repository.hpp"
#include "storage/sqlite/ticket_repository.hpp"
#include "storage/sqlite/user_repository.hpp"

namespace hotline::storage::sqlite {

struct DatabaseOptions {
  std::string path;                  // file to open or create
  std::size_t read_connections = 4;  // readers beyond this wait for a free one
  int writer_cache_kib = 32 * 1024;  // the hot index tails of 1 M tickets stay cached
  int reader_cache_kib = 8 * 1024;
  // Apply pending migrations on open. When false, opening a database that is behind is an error
  // ("run `hotline migrate`").
  bool migrate = true;
  // KPI settings the counters are computed with (timeliness limits; see core/kpi.hpp) when the file
  // stores none; once `KpiRepository::change_config` stored some, those are used.
  core::KpiConfig kpi{};
};

class Database final : public core::Storage {
 public:
  explicit Database(DatabaseOptions options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Applies any pending migrations and returns the schema version; a no-op when up to date.
  [[nodiscard]] core::Result<int> migrate() override;
  // The schema version stored in the file.
  [[nodiscard]] core::Result<int> schema_version();

  // core::Storage
  SqliteTicketRepository& tickets() override { return *tickets_; }
  SqliteReferenceRepository& reference() override { return *reference_; }
  SqliteUserRepository& users() override { return *users_; }
  SqliteKpiRepository& kpi() override { return *kpi_; }
  SqliteAuditRepository& audit() override { return *audit_; }
  SqliteDispatchCatalogueRepository& dispatch_catalogue() override { return *dispatch_catalogue_; }
  SqliteQualityRepository& quality() override { return *quality_; }
  SqliteOutboxRepository& outbox() override { return *outbox_; }
  SqliteSettingsRepository& settings() override { return *settings_; }
  core::KpiConfig kpi_config() override { return kpi_->config(); }

  // Group-commit counters (commits, jobs, largest batch), for tests and benchmarks.
  WriterStats stats() const { return writer_->stats(); }
  const std::string& path() const { return options_.path; }

 private:
  DatabaseOptions options_;
  std::unique_ptr<GroupCommitWriter> writer_;
  std::unique_ptr<ReadPool> readers_;
  std::unique_ptr<Maintenance> maintenance_;  // declared after writer_: destroyed before it
  std::unique_ptr<SqliteKpiRepository> kpi_;  // before tickets_, which records KPI changes in it
  std::unique_ptr<SqliteTicketRepository> tickets_;
  std::unique_ptr<SqliteReferenceRepository> reference_;
  std::unique_ptr<SqliteUserRepository> users_;
  std::unique_ptr<SqliteAuditRepository> audit_;
  std::unique_ptr<SqliteDispatchCatalogueRepository> dispatch_catalogue_;
  std::unique_ptr<SqliteQualityRepository> quality_;
  std::unique_ptr<SqliteOutboxRepository> outbox_;
  std::unique_ptr<SqliteSettingsRepository> settings_;
};

}  // namespace hotline::storage::sqlite
