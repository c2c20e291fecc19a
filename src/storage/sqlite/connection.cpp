#include "storage/sqlite/connection.hpp"

#include <sqlite3.h>

namespace hotline::storage::sqlite {
namespace {

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw SqliteError(db != nullptr ? sqlite3_extended_errcode(db) : code, message);
}

}  // namespace

SqliteError::SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}

core::Error storage_error(const std::exception& e) {
  return core::make_error(core::ErrorCode::unavailable, std::string("storage error: ") + e.what());
}

bool SqliteError::is_constraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement_,
                              nullptr);
  if (rc != SQLITE_OK) throw_error(db, rc, "prepare");
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::bind(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(statement_, index, value); rc != SQLITE_OK) throw_error(db_, rc, "bind");
}

void Statement::bind(int index, double value) {
  if (int rc = sqlite3_bind_double(statement_, index, value); rc != SQLITE_OK) throw_error(db_, rc, "bind");
}

void Statement::bind(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
}

void Statement::bind_null(int index) {
  if (int rc = sqlite3_bind_null(statement_, index); rc != SQLITE_OK) throw_error(db_, rc, "bind");
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(db_, rc, "step");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::optional<double> Statement::column_optional_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_double(column);
}

Connection::Connection(const std::string& path, const ConnectionOptions& options) {
  // Before SQLite initialises (the first open): no memory statistics, whose global mutex every
  // allocation of every connection would otherwise take. Fails harmlessly if SQLite was already
  // initialised by someone else.
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database " + path + ": " +
                          (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw SqliteError(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  exec("PRAGMA cache_size = -" + std::to_string(options.cache_kib));
  exec("PRAGMA temp_store = MEMORY");
  if (options.read_only) exec("PRAGMA query_only = ON");
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalized before the handle closes
  sqlite3_close_v2(db_);
}

void Connection::exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = std::string("exec: ") + (error != nullptr ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    throw SqliteError(sqlite3_extended_errcode(db_), message);
  }
}

ScopedStatement Connection::statement(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
  }
  return ScopedStatement(*it->second);
}

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

}  // namespace hotline::storage::sqlite
