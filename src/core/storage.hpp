#pragma once
// Port: the storage bundle a deployment runs on, every repository of one backend (SQLite, memory,
// and PostgreSQL later) behind one object, so the composition root opens a backend in one place
// (app/storage_factory) and never names its repositories' concrete types. Implementations own
// their repositories; the references handed out live as long as the bundle.
//
// Writes that belong together are the backend's business: `tickets().create/append` store the
// ticket, its event and what the event means for the KPIs (records and counter deltas decided by
// `core::KpiLedger`) in one transaction. Thread-safe as each repository is.

#include "core/audit_repository.hpp"
#include "core/dispatch_catalogue_repository.hpp"
#include "core/kpi.hpp"
#include "core/kpi_repository.hpp"
#include "core/outbox_repository.hpp"
#include "core/quality_repository.hpp"
#include "core/reference_repository.hpp"
#include "core/result.hpp"
#include "core/settings_repository.hpp"
#include "core/ticket_repository.hpp"
#include "core/user_repository.hpp"

namespace hotline::core {

class Storage {
 public:
  virtual ~Storage() = default;

  virtual TicketRepository& tickets() = 0;
  virtual ReferenceRepository& reference() = 0;
  virtual UserRepository& users() = 0;
  virtual AuditRepository& audit() = 0;
  virtual DispatchCatalogueRepository& dispatch_catalogue() = 0;
  virtual KpiRepository& kpi() = 0;
  virtual QualityRepository& quality() = 0;
  // Messages to citizens and their delivery state (the notifier's outbox).
  virtual OutboxRepository& outbox() = 0;
  virtual SettingsRepository& settings() = 0;
  // The KPI settings the counters are computed with now (`KpiRepository::config`).
  virtual KpiConfig kpi_config() = 0;

  // Brings the schema up to date; returns its version (a backend without a schema returns 0).
  [[nodiscard]] virtual Result<int> migrate() = 0;
};

}  // namespace hotline::core
