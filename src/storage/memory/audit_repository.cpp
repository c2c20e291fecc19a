#include "storage/memory/audit_repository.hpp"

namespace hotline::storage::memory {

core::Result<core::AuditEntry> InMemoryAuditRepository::append(const core::AuditEntry& entry) {
  std::lock_guard lock(mutex_);
  core::AuditEntry stored = entry;
  stored.id = static_cast<std::int64_t>(entries_.size()) + 1;
  entries_.push_back(stored);
  return stored;
}

core::Result<std::vector<core::AuditEntry>> InMemoryAuditRepository::list(const core::AuditQuery& query) {
  std::lock_guard lock(mutex_);
  std::vector<core::AuditEntry> out;
  for (auto it = entries_.rbegin(); it != entries_.rend() && static_cast<int>(out.size()) < query.limit; ++it) {
    if (query.before_id && it->id >= *query.before_id) continue;
    if (query.ticket_id && it->ticket_id != *query.ticket_id) continue;
    if (query.actor_id && it->actor_id != *query.actor_id) continue;
    if (query.subject_prefix && !it->subject.starts_with(*query.subject_prefix)) continue;
    out.push_back(*it);
  }
  return out;
}

}  // namespace hotline::storage::memory
