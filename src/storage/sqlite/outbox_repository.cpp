#include "storage/sqlite/outbox_repository.hpp"

#include <algorithm>

namespace hotline::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, kind, recipient, text, ticket_id, state, attempts, next_attempt_at, last_error, created_at, sent_at, "
    "gateway_message_id, lease_owner, lease_until";

core::OutboundMessage message_row(const Statement& row) {
  core::OutboundMessage m;
  m.id = row.column_int64(0);
  m.kind = core::parse_message_kind(row.column_text(1)).value_or(core::MessageKind::other);
  m.recipient = row.column_text(2);
  m.text = row.column_text(3);
  m.ticket_id = row.column_optional_int64(4);
  m.state = core::parse_message_state(row.column_text(5)).value_or(core::MessageState::pending);
  m.attempts = static_cast<int>(row.column_int64(6));
  m.next_attempt_at = core::from_epoch(row.column_int64(7));
  m.last_error = row.column_text(8);
  m.created_at = core::from_epoch(row.column_int64(9));
  if (auto sent = row.column_optional_int64(10)) m.sent_at = core::from_epoch(*sent);
  m.gateway_message_id = row.column_text(11);
  m.lease_owner = row.column_text(12);
  if (auto until = row.column_optional_int64(13)) m.lease_until = core::from_epoch(*until);
  return m;
}

// After an UPDATE guarded by the lease that changed nothing: not_found or conflict.
core::Result<void> lease_error(Connection& db, std::int64_t id) {
  auto exists = db.statement("SELECT 1 FROM outbox_messages WHERE id = ?");
  exists->bind(1, id);
  if (!exists->step()) return core::fail(core::ErrorCode::not_found, "no message " + std::to_string(id));
  return core::fail(core::ErrorCode::conflict, "message " + std::to_string(id) + " is not leased to this worker");
}

}  // namespace

SqliteOutboxRepository::SqliteOutboxRepository(GroupCommitWriter& writer, ReadPool& readers)
    : writer_(writer), readers_(readers) {}

core::Result<core::OutboundMessage> SqliteOutboxRepository::enqueue(const core::OutboundMessage& message) {
  core::OutboundMessage stored = message;
  stored.state = core::MessageState::pending;
  stored.attempts = 0;
  stored.last_error.clear();
  stored.sent_at.reset();
  stored.gateway_message_id.clear();
  stored.lease_owner.clear();
  stored.lease_until.reset();
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    auto insert = db.statement(
        "INSERT INTO outbox_messages (kind, recipient, text, ticket_id, state, attempts, next_attempt_at, "
        "last_error, created_at, sent_at, gateway_message_id, lease_owner, lease_until) "
        "VALUES (?, ?, ?, ?, 'pending', 0, ?, '', ?, NULL, '', '', NULL)");
    insert->bind(1, core::to_string(stored.kind));
    insert->bind(2, stored.recipient);
    insert->bind(3, stored.text);
    insert->bind(4, stored.ticket_id);
    insert->bind(5, core::to_epoch(stored.next_attempt_at));
    insert->bind(6, core::to_epoch(stored.created_at));
    insert->run();
    stored.id = db.last_insert_rowid();
    return {};
  });
  if (!done) return done.error();
  return stored;
}

core::Result<std::vector<core::OutboundMessage>> SqliteOutboxRepository::claim_due(core::Timestamp now,
                                                                                   core::Timestamp lease_until,
                                                                                   std::string_view worker,
                                                                                   int limit) {
  std::vector<core::OutboundMessage> claimed;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    claimed.clear();  // a job may be re-run after a failed batch
    auto update = db.statement(std::string(
        "UPDATE outbox_messages SET state = 'sending', lease_owner = ?1, lease_until = ?2, attempts = attempts + 1 "
        "WHERE id IN (SELECT id FROM outbox_messages WHERE (state = 'pending' AND next_attempt_at <= ?3) "
        "OR (state = 'sending' AND lease_until <= ?3) ORDER BY id LIMIT ?4) RETURNING ") + kColumns);
    update->bind(1, worker);
    update->bind(2, core::to_epoch(lease_until));
    update->bind(3, core::to_epoch(now));
    update->bind(4, limit);
    while (update->step()) claimed.push_back(message_row(*update));
    return {};
  });
  if (!done) return done.error();
  std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return claimed;
}

core::Result<void> SqliteOutboxRepository::mark_sent(std::int64_t id, std::string_view worker,
                                                     std::string_view gateway_message_id, core::Timestamp sent_at) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement(
        "UPDATE outbox_messages SET state = 'sent', gateway_message_id = ?, sent_at = ?, lease_owner = '', "
        "lease_until = NULL WHERE id = ? AND state = 'sending' AND lease_owner = ?");
    update->bind(1, gateway_message_id);
    update->bind(2, core::to_epoch(sent_at));
    update->bind(3, id);
    update->bind(4, worker);
    update->run();
    if (db.changes() == 0) return lease_error(db, id);
    return {};
  });
}

core::Result<void> SqliteOutboxRepository::mark_retry(std::int64_t id, std::string_view worker,
                                                      core::Timestamp next_attempt_at, std::string_view error) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement(
        "UPDATE outbox_messages SET state = 'pending', next_attempt_at = ?, last_error = ?, lease_owner = '', "
        "lease_until = NULL WHERE id = ? AND state = 'sending' AND lease_owner = ?");
    update->bind(1, core::to_epoch(next_attempt_at));
    update->bind(2, error);
    update->bind(3, id);
    update->bind(4, worker);
    update->run();
    if (db.changes() == 0) return lease_error(db, id);
    return {};
  });
}

core::Result<void> SqliteOutboxRepository::mark_failed(std::int64_t id, std::string_view worker,
                                                       std::string_view error) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement(
        "UPDATE outbox_messages SET state = 'failed', last_error = ?, lease_owner = '', lease_until = NULL "
        "WHERE id = ? AND state = 'sending' AND lease_owner = ?");
    update->bind(1, error);
    update->bind(2, id);
    update->bind(3, worker);
    update->run();
    if (db.changes() == 0) return lease_error(db, id);
    return {};
  });
}

core::Result<std::vector<core::OutboundMessage>> SqliteOutboxRepository::list(const core::OutboxQuery& query) {
  try {
    auto db = readers_.acquire();
    // Absent filters bind NULL and match everything.
    auto select = db->statement(std::string("SELECT ") + kColumns +
                                " FROM outbox_messages WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR kind = ?2) "
                                "AND (?3 IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4");
    if (query.state) select->bind(1, core::to_string(*query.state));
    else select->bind_null(1);
    if (query.kind) select->bind(2, core::to_string(*query.kind));
    else select->bind_null(2);
    select->bind(3, query.before_id);
    select->bind(4, query.limit);
    std::vector<core::OutboundMessage> out;
    while (select->step()) out.push_back(message_row(*select));
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<core::OutboundMessage> SqliteOutboxRepository::get(std::int64_t id) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(std::string("SELECT ") + kColumns + " FROM outbox_messages WHERE id = ?");
    select->bind(1, id);
    if (!select->step()) return core::fail(core::ErrorCode::not_found, "no message " + std::to_string(id));
    return message_row(*select);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

}  // namespace hotline::storage::sqlite
