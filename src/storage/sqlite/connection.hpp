#pragma once
// `Connection`: one sqlite3 handle plus its cache of prepared statements, and `Statement`, a thin
// RAII wrapper with typed bind/column helpers. SQL errors are thrown as `SqliteError`; the
// repositories turn them into `core::Result` errors at their boundary.
// Not thread-safe: a connection is used by one thread at a time (the writer thread owns the write
// connection; readers check one out of `ReadPool`).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hotline::storage::sqlite {

// A failed SQLite call; `code` is the extended result code.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message);
  int code() const { return code_; }
  // True for constraint violations (unique, primary key, foreign key, check).
  bool is_constraint() const;

 private:
  int code_;
};

// How a repository reports a thrown storage failure: `unavailable` (the caller may retry later).
core::Error storage_error(const std::exception& e);

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  void bind(int index, std::int64_t value);
  void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
  void bind(int index, bool value) { bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  void bind(int index, double value);
  void bind(int index, std::string_view value);  // copied by SQLite (SQLITE_TRANSIENT)
  void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
  void bind(int index, const char* value) { bind(index, std::string_view(value)); }
  void bind_null(int index);
  template <typename T>
  void bind(int index, const std::optional<T>& value) {
    if (value) bind(index, *value);
    else bind_null(index);
  }

  // Advances; true when a row is available, false when done. Throws `SqliteError`.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  // Resets and clears the bindings so the statement can be reused.
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::optional<std::int64_t> column_optional_int64(int column) const;
  std::optional<double> column_optional_double(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// A borrowed cached statement that is reset when it goes out of scope, so no statement keeps a
// read transaction open after use.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement& statement) : statement_(statement) {}
  ~ScopedStatement() { statement_.reset(); }
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  Statement* operator->() { return &statement_; }
  Statement& operator*() { return statement_; }

 private:
  Statement& statement_;
};

struct ConnectionOptions {
  bool read_only = false;          // readers set `query_only`
  int cache_kib = 8 * 1024;        // page cache per connection (RSS budget)
  int busy_timeout_ms = 5000;
};

class Connection {
 public:
  // Opens (creating if needed) the file at `path`. Throws `SqliteError` when it cannot.
  Connection(const std::string& path, const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without parameters (pragmas, DDL, BEGIN/COMMIT).
  void exec(std::string_view sql);
  // The prepared statement for `sql`, prepared on first use and reused afterwards. `sql` must not
  // contain user values: those are bound as parameters.
  ScopedStatement statement(std::string_view sql);
  // Rows changed by the last INSERT/UPDATE/DELETE.
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

}  // namespace hotline::storage::sqlite
