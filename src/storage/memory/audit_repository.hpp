#pragma once
// `InMemoryAuditRepository`: the audit trail in a vector, for tests and demos. Thread-safe.

#include <mutex>
#include <vector>

#include "core/audit_repository.hpp"

namespace hotline::storage::memory {

class InMemoryAuditRepository final : public core::AuditRepository {
 public:
  // core::AuditRepository
  [[nodiscard]] core::Result<core::AuditEntry> append(const core::AuditEntry& entry) override;
  [[nodiscard]] core::Result<std::vector<core::AuditEntry>> list(const core::AuditQuery& query) override;

 private:
  std::mutex mutex_;  // guards entries_
  std::vector<core::AuditEntry> entries_;  // ids are positions + 1
};

}  // namespace hotline::storage::memory
