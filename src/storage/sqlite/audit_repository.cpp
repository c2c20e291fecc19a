#include "storage/sqlite/audit_repository.hpp"

#include <limits>
#include <stdexcept>

namespace hotline::storage::sqlite {

SqliteAuditRepository::SqliteAuditRepository(GroupCommitWriter& writer, ReadPool& readers)
    : writer_(writer), readers_(readers) {}

core::Result<core::AuditEntry> SqliteAuditRepository::append(const core::AuditEntry& entry) {
  core::AuditEntry stored = entry;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    auto insert = db.statement(
        "INSERT INTO audit_log (at, actor_id, actor, role, action, ticket_id, reason, subject, before_json, after_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert->bind(1, core::to_epoch(entry.at));
    insert->bind(2, entry.actor_id);
    insert->bind(3, entry.actor);
    insert->bind(4, core::to_string(entry.role));
    insert->bind(5, entry.action);
    insert->bind(6, entry.ticket_id);
    insert->bind(7, entry.reason);
    insert->bind(8, entry.subject);
    insert->bind(9, entry.before);
    insert->bind(10, entry.after);
    insert->run();
    stored.id = db.last_insert_rowid();
    return {};
  });
  if (!done) return done.error();
  return stored;
}

core::Result<std::vector<core::AuditEntry>> SqliteAuditRepository::list(const core::AuditQuery& query) {
  try {
    auto db = readers_.acquire();
    // Absent filters bind NULL and match everything; both filters have an index ending in id.
    auto select = db->statement(
        "SELECT id, at, actor_id, actor, role, action, ticket_id, reason, subject, before_json, after_json "
        "FROM audit_log "
        "WHERE id < ? AND (?2 IS NULL OR ticket_id = ?2) AND (?3 IS NULL OR actor_id = ?3) "
        "AND (?5 IS NULL OR substr(subject, 1, length(?5)) = ?5) "
        "ORDER BY id DESC LIMIT ?4");
    select->bind(1, query.before_id.value_or(std::numeric_limits<std::int64_t>::max()));
    select->bind(2, query.ticket_id);
    select->bind(3, query.actor_id);
    select->bind(4, query.limit);
    select->bind(5, query.subject_prefix);
    std::vector<core::AuditEntry> out;
    while (select->step()) {
      core::AuditEntry e;
      e.id = select->column_int64(0);
      e.at = core::from_epoch(select->column_int64(1));
      e.actor_id = select->column_int64(2);
      e.actor = select->column_text(3);
      auto role = core::parse_role(select->column_text(4));
      if (!role) throw std::runtime_error("corrupt audit row: unknown role");
      e.role = *role;
      e.action = select->column_text(5);
      e.ticket_id = select->column_int64(6);
      e.reason = select->column_text(7);
      e.subject = select->column_text(8);
      e.before = select->column_text(9);
      e.after = select->column_text(10);
      out.push_back(std::move(e));
    }
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

}  // namespace hotline::storage::sqlite
