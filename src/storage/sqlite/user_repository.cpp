#include "storage/sqlite/user_repository.hpp"

#include <stdexcept>

namespace hotline::storage::sqlite {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, display_name, role, unit_id, password_hash, active, created_at, last_login_at";

core::User read_user(Statement& s) {
  core::User user;
  user.id = s.column_int64(0);
  user.username = s.column_text(1);
  user.display_name = s.column_text(2);
  auto role = s.column_text(3);
  auto parsed = core::parse_role(role);
  if (!parsed) throw std::runtime_error("corrupt row: unknown role '" + role + "'");
  user.role = *parsed;
  user.unit_id = s.column_text(4);
  user.password_hash = s.column_text(5);
  user.active = s.column_int64(6) != 0;
  user.created_at = core::from_epoch(s.column_int64(7));
  if (!s.is_null(8)) user.last_login_at = core::from_epoch(s.column_int64(8));
  return user;
}

bool exists(Connection& db, std::string_view sql, const auto& key) {
  auto select = db.statement(sql);
  select->bind(1, key);
  return select->step();
}

}  // namespace

SqliteUserRepository::SqliteUserRepository(GroupCommitWriter& writer, ReadPool& readers)
    : writer_(writer), readers_(readers) {}

core::Result<core::User> SqliteUserRepository::create_user(const core::User& user) {
  core::User stored = user;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    if (exists(db, "SELECT 1 FROM users WHERE username = ? COLLATE NOCASE", user.username))
      return core::fail(core::ErrorCode::conflict, "username is taken", "username");
    auto insert = db.statement(
        "INSERT INTO users (username, display_name, role, unit_id, password_hash, active, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert->bind(1, user.username);
    insert->bind(2, user.display_name);
    insert->bind(3, core::to_string(user.role));
    insert->bind(4, user.unit_id);
    insert->bind(5, user.password_hash);
    insert->bind(6, user.active);
    insert->bind(7, core::to_epoch(user.created_at));
    insert->run();
    stored.id = db.last_insert_rowid();
    return {};
  });
  if (!done) return done.error();
  return stored;
}

core::Result<void> SqliteUserRepository::update_user(const core::User& user) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement(
        "UPDATE users SET role = ?, unit_id = ?, display_name = ?, password_hash = ?, active = ? WHERE id = ?");
    update->bind(1, core::to_string(user.role));
    update->bind(2, user.unit_id);
    update->bind(3, user.display_name);
    update->bind(4, user.password_hash);
    update->bind(5, user.active);
    update->bind(6, user.id);
    update->run();
    if (db.changes() == 0) return core::fail(core::ErrorCode::not_found, "user not found");
    return {};
  });
}

core::Result<void> SqliteUserRepository::record_login(std::int64_t id, core::Timestamp at) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement("UPDATE users SET last_login_at = ? WHERE id = ?");
    update->bind(1, core::to_epoch(at));
    update->bind(2, id);
    update->run();
    if (db.changes() == 0) return core::fail(core::ErrorCode::not_found, "user not found");
    return {};
  });
}

core::Result<core::User> SqliteUserRepository::find_user(std::int64_t id) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?");
    select->bind(1, id);
    if (!select->step()) return core::fail(core::ErrorCode::not_found, "user not found");
    return read_user(*select);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<core::User> SqliteUserRepository::find_user_by_name(const std::string& username) {
  try {
    auto db = readers_.acquire();
    // Any case finds the account; the exact spelling first, for the pairs of names that differed
    // only in case before schema version 5.
    auto select = db->statement("SELECT " + std::string(kUserColumns) +
                                " FROM users WHERE username = ? COLLATE NOCASE ORDER BY username = ? DESC, id LIMIT 1");
    select->bind(1, username);
    select->bind(2, username);
    if (!select->step()) return core::fail(core::ErrorCode::not_found, "user not found");
    return read_user(*select);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::User>> SqliteUserRepository::list_users() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT " + std::string(kUserColumns) + " FROM users ORDER BY id");
    std::vector<core::User> users;
    while (select->step()) users.push_back(read_user(*select));
    return users;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteUserRepository::create_session(const core::Session& session) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    if (!exists(db, "SELECT 1 FROM users WHERE id = ?", session.user_id))
      return core::fail(core::ErrorCode::not_found, "user not found", "user_id");
    if (exists(db, "SELECT 1 FROM sessions WHERE token_digest = ?", session.token_digest))
      return core::fail(core::ErrorCode::conflict, "session already exists");
    auto insert = db.statement(
        "INSERT INTO sessions (token_digest, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)");
    insert->bind(1, session.token_digest);
    insert->bind(2, session.user_id);
    insert->bind(3, core::to_epoch(session.created_at));
    insert->bind(4, core::to_epoch(session.expires_at));
    insert->bind(5, core::to_epoch(session.last_seen_at));
    insert->run();
    return {};
  });
}

core::Result<core::Session> SqliteUserRepository::find_session(const std::string& token_digest) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(
        "SELECT token_digest, user_id, created_at, expires_at, last_seen_at FROM sessions WHERE token_digest = ?");
    select->bind(1, token_digest);
    if (!select->step()) return core::fail(core::ErrorCode::not_found, "session not found");
    core::Session session{select->column_text(0), select->column_int64(1), core::from_epoch(select->column_int64(2)),
                          core::from_epoch(select->column_int64(3)), {}};
    // Sessions from before last_seen_at existed count as seen when they began.
    session.last_seen_at =
        select->is_null(4) ? session.created_at : core::from_epoch(select->column_int64(4));
    return session;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteUserRepository::delete_session(const std::string& token_digest) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto remove = db.statement("DELETE FROM sessions WHERE token_digest = ?");
    remove->bind(1, token_digest);
    remove->run();
    return {};
  });
}

core::Result<void> SqliteUserRepository::touch_session(const std::string& token_digest, core::Timestamp at) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement("UPDATE sessions SET last_seen_at = ? WHERE token_digest = ?");
    update->bind(1, core::to_epoch(at));
    update->bind(2, token_digest);
    update->run();
    if (db.changes() == 0) return core::fail(core::ErrorCode::not_found, "session not found");
    return {};
  });
}

core::Result<int> SqliteUserRepository::delete_user_sessions(std::int64_t user_id, const std::string& keep_digest) {
  int deleted = 0;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    auto remove = db.statement("DELETE FROM sessions WHERE user_id = ? AND token_digest <> ?");
    remove->bind(1, user_id);
    remove->bind(2, keep_digest);
    remove->run();
    deleted = static_cast<int>(db.changes());
    return {};
  });
  if (!done) return done.error();
  return deleted;
}

}  // namespace hotline::storage::sqlite
