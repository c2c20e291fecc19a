#pragma once
// `InMemoryStorage`: the `core::Storage` bundle in process memory (tests, quick demos; `--db
// memory:`). Owns one repository of each kind; the ticket repository records each event's KPI
// writes in the KPI repository under the ledger's rules. Nothing survives the process.
// Thread-safe as each repository is.

#include <utility>

#include "core/storage.hpp"
#include "storage/memory/audit_repository.hpp"
#include "storage/memory/dispatch_catalogue_repository.hpp"
#include "storage/memory/kpi_repository.hpp"
#include "storage/memory/outbox_repository.hpp"
#include "storage/memory/quality_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/settings_repository.hpp"
#include "storage/memory/ticket_repository.hpp"
#include "storage/memory/user_repository.hpp"

namespace hotline::storage::memory {

class InMemoryStorage final : public core::Storage {
 public:
  explicit InMemoryStorage(core::KpiConfig kpi = {}) : kpi_(std::move(kpi)), tickets_(&kpi_) {}

  // core::Storage
  InMemoryTicketRepository& tickets() override { return tickets_; }
  InMemoryReferenceRepository& reference() override { return reference_; }
  InMemoryUserRepository& users() override { return users_; }
  InMemoryAuditRepository& audit() override { return audit_; }
  InMemoryDispatchCatalogueRepository& dispatch_catalogue() override { return dispatch_catalogue_; }
  InMemoryKpiRepository& kpi() override { return kpi_; }
  InMemoryQualityRepository& quality() override { return quality_; }
  InMemoryOutboxRepository& outbox() override { return outbox_; }
  InMemorySettingsRepository& settings() override { return settings_; }
  core::KpiConfig kpi_config() override { return kpi_.config(); }
  [[nodiscard]] core::Result<int> migrate() override { return 0; }

 private:
  InMemoryKpiRepository kpi_;  // before tickets_, which records KPI writes in it
  InMemoryTicketRepository tickets_;
  InMemoryReferenceRepository reference_;
  InMemoryUserRepository users_;
  InMemoryAuditRepository audit_;
  InMemoryDispatchCatalogueRepository dispatch_catalogue_;
  InMemoryQualityRepository quality_;
  InMemoryOutboxRepository outbox_;
  InMemorySettingsRepository settings_;
};

}  // namespace hotline::storage::memory
