#pragma once
// `InMemoryOutboxRepository`: the outbox in a map, for tests and demos. Claims are atomic under
// the one mutex. Thread-safe.

#include <map>
#include <mutex>

#include "core/outbox_repository.hpp"

namespace hotline::storage::memory {

class InMemoryOutboxRepository final : public core::OutboxRepository {
 public:
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
  // The claimed message `id` held by `worker`, or an error (caller holds `mutex_`).
  core::Result<core::OutboundMessage*> leased(std::int64_t id, std::string_view worker);

  std::mutex mutex_;  // guards messages_ and next_id_
  std::map<std::int64_t, core::OutboundMessage> messages_;
  std::int64_t next_id_ = 1;
};

}  // namespace hotline::storage::memory
