#include "storage/sqlite/database.hpp"

#include <stdexcept>

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/settings_codec.hpp"

namespace hotline::storage::sqlite {
namespace {

int stored_version(Connection& db) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  auto select = db.statement("SELECT coalesce(max(version), 0) FROM schema_migrations");
  select->step();
  return static_cast<int>(select->column_int64(0));
}

// Applies migrations newer than the stored version, each inside a savepoint (a transaction of its
// own when called outside one, a nested one inside the writer's batch). Throws
// `std::runtime_error` when the file is newer than this program.
int apply_migrations(Connection& db, const std::string& path) {
  int current = stored_version(db);
  if (current > latest_schema_version())
    throw std::runtime_error("database " + path + " has schema version " + std::to_string(current) +
                             ", newer than this program supports (" + std::to_string(latest_schema_version()) +
                             "); upgrade hotline");
  for (int version = current + 1; version <= latest_schema_version(); ++version) {
    db.exec("SAVEPOINT migration");
    try {
      db.exec(migrations()[static_cast<std::size_t>(version - 1)]);
      auto insert = db.statement("INSERT INTO schema_migrations (version, applied_at) VALUES (?, unixepoch())");
      insert->bind(1, static_cast<std::int64_t>(version));
      insert->run();
    } catch (const std::exception&) {
      db.exec("ROLLBACK TO migration");
      db.exec("RELEASE migration");
      throw;
    }
    db.exec("RELEASE migration");
  }
  return latest_schema_version();
}

std::unique_ptr<Connection> open_writer(const DatabaseOptions& options) {
  auto db = std::make_unique<Connection>(options.path, ConnectionOptions{.cache_kib = options.writer_cache_kib});
  {
    auto mode = db->statement("PRAGMA journal_mode = WAL");
    if (!mode->step() || mode->column_text(0) != "wal") throw std::runtime_error("cannot switch to WAL journal mode");
  }
  db->exec("PRAGMA synchronous = FULL");
  db->exec("PRAGMA foreign_keys = ON");
  db->exec("PRAGMA secure_delete = OFF");  // nothing is deleted but index pages; zeroing them costs writes
  db->exec("PRAGMA journal_size_limit = 67108864");
  // Checkpoints run on the Maintenance thread; this threshold (~80 MB of WAL) only matters if
  // that thread falls behind.
  db->exec("PRAGMA wal_autocheckpoint = 20000");
  return db;
}

}  // namespace

Database::Database(DatabaseOptions options) : options_(std::move(options)) {
  try {
    auto writer_connection = open_writer(options_);
    if (options_.migrate) {
      apply_migrations(*writer_connection, options_.path);
    } else {
      int current = stored_version(*writer_connection);
      if (current != latest_schema_version())
        throw std::runtime_error("schema version " + std::to_string(current) + " differs from " +
                                 std::to_string(latest_schema_version()) + "; run `hotline migrate`");
    }
    configure_text_index(*writer_connection);
    // The KPI settings last stored by the console; the counters were built with them.
    if (auto stored = read_setting(*writer_connection, "kpi")) options_.kpi = decode_kpi_config(*stored);
    writer_ = std::make_unique<GroupCommitWriter>(std::move(writer_connection));
    readers_ = std::make_unique<ReadPool>(options_.path, options_.read_connections, options_.reader_cache_kib);
    maintenance_ = std::make_unique<Maintenance>(options_.path, *writer_, std::chrono::milliseconds{100});
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open database " + options_.path + ": " + e.what());
  }
  kpi_ = std::make_unique<SqliteKpiRepository>(*writer_, *readers_, options_.kpi);
  tickets_ = std::make_unique<SqliteTicketRepository>(*writer_, *readers_, kpi_.get());
  reference_ = std::make_unique<SqliteReferenceRepository>(*writer_, *readers_);
  users_ = std::make_unique<SqliteUserRepository>(*writer_, *readers_);
  audit_ = std::make_unique<SqliteAuditRepository>(*writer_, *readers_);
  dispatch_catalogue_ = std::make_unique<SqliteDispatchCatalogueRepository>(*writer_, *readers_);
  quality_ = std::make_unique<SqliteQualityRepository>(*writer_, *readers_);
  outbox_ = std::make_unique<SqliteOutboxRepository>(*writer_, *readers_);
  settings_ = std::make_unique<SqliteSettingsRepository>(*writer_, *readers_);
}

Database::~Database() = default;

core::Result<int> Database::migrate() {
  int version = 0;
  auto done = writer_->run([&](Connection& db) -> core::Result<void> {
    // DDL is transactional in SQLite, so migrations run inside the writer's batch like any job.
    try {
      version = apply_migrations(db, options_.path);
    } catch (const std::exception& e) {
      return core::fail(core::ErrorCode::internal, e.what());
    }
    return {};
  });
  if (!done) return done.error();
  return version;
}

core::Result<int> Database::schema_version() {
  try {
    auto db = readers_->acquire();
    auto select = db->statement("SELECT coalesce(max(version), 0) FROM schema_migrations");
    select->step();
    return static_cast<int>(select->column_int64(0));
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

}  // namespace hotline::storage::sqlite
