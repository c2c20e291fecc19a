#pragma once
// `SqliteOutboxRepository`: the outbox on SQLite (table outbox_messages; the outbox migration).
// Claims run on the single writer in one transaction (an UPDATE of the due rows), so two
// claims never take one message; a claim from a second process on the same file waits for the
// write lock like any write. Reads use the read pool. Created and owned by `Database`. Thread-safe.

#include "core/outbox_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteOutboxRepository final : public core::OutboxRepository {
 public:
  SqliteOutboxRepository(GroupCommitWriter& writer, ReadPool& readers);

  // core::OutboxRepository
  [[nodiscard]] core::Result<core::OutboundMessage> enqueue(const core::OutboundMessage& message) override;
  [[nodiscard]] core::Result<std::vector<core::OutboundMessage>> claim_due(core::Timestamp now,
                                                                           core::Timestamp lease_until,
                                                                           std::string_view worker, int limit) override;
  [[nodiscard]] core::Result<void> mark_sent(std::int64_t id, std::string_view worker,
                                             std::string_view gateway_message_id, core::Timestamp sent_at) override;
  [[nodiscard]] core::Result<void> mark_retry(std::int64_t id, std::string_view worker,
                                              core::Timestamp next_attempt_at, std::string_view error) override;
  [[nodiscard]] core::Result<void> mark_failed(std::int64_t id, std::string_view worker,
                                               std::string_view error) override;
  [[nodiscard]] core::Result<std::vector<core::OutboundMessage>> list(const core::OutboxQuery& query) override;
  [[nodiscard]] core::Result<core::OutboundMessage> get(std::int64_t id) override;

 private:
  GroupCommitWriter& writer_;
  ReadPool& readers_;
};

}  // namespace hotline::storage::sqlite
