#include "storage/memory/outbox_repository.hpp"

namespace hotline::storage::memory {

core::Result<core::OutboundMessage> InMemoryOutboxRepository::enqueue(const core::OutboundMessage& message) {
  std::lock_guard lock(mutex_);
  core::OutboundMessage stored = message;
  stored.id = next_id_++;
  stored.state = core::MessageState::pending;
  stored.attempts = 0;
  stored.last_error.clear();
  stored.sent_at.reset();
  stored.gateway_message_id.clear();
  stored.lease_owner.clear();
  stored.lease_until.reset();
  messages_[stored.id] = stored;
  return stored;
}

core::Result<std::vector<core::OutboundMessage>> InMemoryOutboxRepository::claim_due(core::Timestamp now,
                                                                                     core::Timestamp lease_until,
                                                                                     std::string_view worker,
                                                                                     int limit) {
  std::lock_guard lock(mutex_);
  std::vector<core::OutboundMessage> out;
  for (auto& [id, m] : messages_) {
    if (static_cast<int>(out.size()) >= limit) break;
    const bool due = (m.state == core::MessageState::pending && m.next_attempt_at <= now) ||
                     (m.state == core::MessageState::sending && m.lease_until && *m.lease_until <= now);
    if (!due) continue;
    m.state = core::MessageState::sending;
    m.lease_owner = std::string(worker);
    m.lease_until = lease_until;
    ++m.attempts;
    out.push_back(m);
  }
  return out;
}

core::Result<core::OutboundMessage*> InMemoryOutboxRepository::leased(std::int64_t id, std::string_view worker) {
  auto it = messages_.find(id);
  if (it == messages_.end()) return core::fail(core::ErrorCode::not_found, "no message " + std::to_string(id));
  auto& m = it->second;
  if (m.state != core::MessageState::sending || m.lease_owner != worker)
    return core::fail(core::ErrorCode::conflict, "message " + std::to_string(id) + " is not leased to this worker");
  return &m;
}

core::Result<void> InMemoryOutboxRepository::mark_sent(std::int64_t id, std::string_view worker,
                                                       std::string_view gateway_message_id, core::Timestamp sent_at) {
  std::lock_guard lock(mutex_);
  auto m = leased(id, worker);
  if (!m) return m.error();
  (*m)->state = core::MessageState::sent;
  (*m)->gateway_message_id = std::string(gateway_message_id);
  (*m)->sent_at = sent_at;
  (*m)->lease_owner.clear();
  (*m)->lease_until.reset();
  return {};
}

core::Result<void> InMemoryOutboxRepository::mark_retry(std::int64_t id, std::string_view worker,
                                                        core::Timestamp next_attempt_at, std::string_view error) {
  std::lock_guard lock(mutex_);
  auto m = leased(id, worker);
  if (!m) return m.error();
  (*m)->state = core::MessageState::pending;
  (*m)->next_attempt_at = next_attempt_at;
  (*m)->last_error = std::string(error);
  (*m)->lease_owner.clear();
  (*m)->lease_until.reset();
  return {};
}

core::Result<void> InMemoryOutboxRepository::mark_failed(std::int64_t id, std::string_view worker,
                                                         std::string_view error) {
  std::lock_guard lock(mutex_);
  auto m = leased(id, worker);
  if (!m) return m.error();
  (*m)->state = core::MessageState::failed;
  (*m)->last_error = std::string(error);
  (*m)->lease_owner.clear();
  (*m)->lease_until.reset();
  return {};
}

core::Result<std::vector<core::OutboundMessage>> InMemoryOutboxRepository::list(const core::OutboxQuery& query) {
  std::lock_guard lock(mutex_);
  std::vector<core::OutboundMessage> out;
  for (auto it = messages_.rbegin(); it != messages_.rend() && static_cast<int>(out.size()) < query.limit; ++it) {
    const auto& m = it->second;
    if (query.before_id && m.id >= *query.before_id) continue;
    if (query.state && m.state != *query.state) continue;
    if (query.kind && m.kind != *query.kind) continue;
    out.push_back(m);
  }
  return out;
}

core::Result<core::OutboundMessage> InMemoryOutboxRepository::get(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = messages_.find(id);
  if (it == messages_.end()) return core::fail(core::ErrorCode::not_found, "no message " + std::to_string(id));
  return it->second;
}

}  // namespace hotline::storage::memory
