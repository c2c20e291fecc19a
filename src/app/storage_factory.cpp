#include "app/storage_factory.hpp"

#include <filesystem>
#include <stdexcept>

#include "storage/memory/storage.hpp"
#include "storage/sqlite/database.hpp"

namespace hotline::app {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

StorageLocation parse_storage_location(const std::string& db) {
  if (db.empty()) throw std::runtime_error("--db must name a database (a SQLite file, sqlite:PATH or memory:)");
  if (db == "memory:" || db == "memory://") return {StorageBackend::memory, ""};
  if (starts_with(db, "postgres://") || starts_with(db, "postgresql://")) return {StorageBackend::postgres, db};
  if (starts_with(db, "sqlite://")) return {StorageBackend::sqlite, db.substr(9)};
  if (starts_with(db, "sqlite:")) return {StorageBackend::sqlite, db.substr(7)};
  if (auto scheme = db.find("://"); scheme != std::string::npos)
    throw std::runtime_error("--db: unknown storage scheme '" + db.substr(0, scheme) +
                             "://' (this build knows a SQLite path, sqlite:PATH, memory: and postgres://)");
  return {StorageBackend::sqlite, db};
}

bool storage_exists(const std::string& db) {
  auto location = parse_storage_location(db);
  switch (location.backend) {
    case StorageBackend::sqlite:
      return std::filesystem::exists(location.path);
    case StorageBackend::memory:
      return false;
    case StorageBackend::postgres:
      return true;  // the server says when connecting
  }
  return false;
}

std::unique_ptr<core::Storage> open_storage(const std::string& db, const StorageOptions& options) {
  auto location = parse_storage_location(db);
  switch (location.backend) {
    case StorageBackend::sqlite: {
      if (location.path.empty()) throw std::runtime_error("--db " + db + ": no SQLite file named");
      storage::sqlite::DatabaseOptions sqlite_options;
      sqlite_options.path = location.path;
      sqlite_options.migrate = options.migrate;
      sqlite_options.kpi = options.kpi;
      return std::make_unique<storage::sqlite::Database>(sqlite_options);
    }
    case StorageBackend::memory:
      return std::make_unique<storage::memory::InMemoryStorage>(options.kpi);
    case StorageBackend::postgres:
      throw std::runtime_error("--db " + db +
                               ": the PostgreSQL backend is not built into this version of hotline; use a SQLite file");
  }
  throw std::runtime_error("--db " + db + ": unknown backend");
}

}  // namespace hotline::app
