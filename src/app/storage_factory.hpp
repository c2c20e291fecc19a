#pragma once
// The backend factory: opens the `core::Storage` bundle named by one `--db` value. The only place
// that knows which backends exist, so a new one (PostgreSQL) plugs in here without touching the
// composition root or the CLI.
//
// Accepted forms:
//   PATH, sqlite:PATH, sqlite://PATH     a SQLite file (sqlite:///abs/path for an absolute path)
//   memory:                              in-process memory; nothing survives the process
//   postgres://..., postgresql://...     PostgreSQL (not built into this version: a clear error)
// Anything else with a `scheme://` is refused naming the schemes this build knows.

#include <memory>
#include <string>

#include "core/kpi.hpp"
#include "core/storage.hpp"

namespace hotline::app {

enum class StorageBackend { sqlite, memory, postgres };

struct StorageLocation {
  StorageBackend backend = StorageBackend::sqlite;
  std::string path;  // the SQLite file; the whole URI for postgres; empty for memory
};

// Parses a `--db` value. Throws std::runtime_error with a one-line message for an empty value or
// an unknown scheme.
StorageLocation parse_storage_location(const std::string& db);

// Whether the storage already exists (a SQLite file on disk; memory never does). Throws like
// `parse_storage_location`.
bool storage_exists(const std::string& db);

struct StorageOptions {
  bool migrate = true;  // apply pending migrations on open
  core::KpiConfig kpi{};
};

// Opens (creating if needed) the storage. Throws std::runtime_error with a one-line message when
// it cannot be opened, or for a backend this build does not have.
std::unique_ptr<core::Storage> open_storage(const std::string& db, const StorageOptions& options = {});

}  // namespace hotline::app
