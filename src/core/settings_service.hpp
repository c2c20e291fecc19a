#pragma once
// The deployment settings the admin console edits: the deadline policy per ticket type and
// urgency, and the KPI settings (which ratings count as satisfied, the timeliness limits, the eight
// targets). Admins change them; admins, managers and supervisors read them. A deadline change
// applies to what is decided after it (tickets already registered keep their deadlines); a KPI
// change rebuilds every counter with the new settings (`KpiRepository::change_config`). Every
// change is audited: "settings_changed" on `settings:deadlines` / `settings:kpi` with the JSON
// before and after. Changes are serialised here so each audit entry's "before" is the one replaced.
// Safe from many threads.

#include <mutex>
#include <string>

#include "core/audit_repository.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/kpi.hpp"
#include "core/kpi_repository.hpp"
#include "core/result.hpp"
#include "core/settings_repository.hpp"
#include "core/ticket_event.hpp"
#include "core/ticket_service.hpp"

namespace hotline::core {

struct Settings {
  DeadlinePolicy deadlines;
  KpiConfig kpi;
};

class SettingsService {
 public:
  SettingsService(SettingsRepository& settings, KpiRepository& kpi, TicketService& tickets, AuditRepository& audit,
                  const Clock& clock);

  // Gives `TicketService` the stored deadline policy (the defaults when none is stored); for the
  // composition root at startup. Errors: the repository's.
  [[nodiscard]] Result<void> load();
  // Errors: forbidden for roles other than admin, manager and supervisor.
  [[nodiscard]] Result<Settings> get(const Actor& actor);
  // Validates, stores, switches `TicketService` to it and audits. Errors: forbidden (not an admin),
  // invalid_argument naming the field (`validate_deadline_policy`), the repositories'.
  [[nodiscard]] Result<DeadlinePolicy> put_deadlines(const Actor& actor, const DeadlinePolicy& policy);
  // Validates, stores and rebuilds the counters, then audits. Errors as `put_deadlines`
  // (`validate_kpi_config`).
  [[nodiscard]] Result<KpiRebuildSummary> put_kpi(const Actor& actor, const KpiConfig& config);

 private:
  SettingsRepository& settings_;
  KpiRepository& kpi_;
  TicketService& tickets_;
  AuditRepository& audit_;
  const Clock& clock_;
  std::mutex change_mutex_;  // one change at a time
};

// Errors: invalid_argument naming the field: `deadlines.working_days.TYPE` (every type, 1..60),
// `deadlines.urgent_hours` (1..168), `deadlines.acknowledge_working_days` (1..10),
// `deadlines.max_extension_working_days` (1..90), `deadlines.callback_working_days` (1..10),
// `deadlines.callback_max_attempts` (1..10).
[[nodiscard]] Result<void> validate_deadline_policy(const DeadlinePolicy& policy);
// Errors: invalid_argument naming the field: `kpi.dispatch_limit_seconds` (60 s..7 days),
// `kpi.online_response_limit_seconds` (10..3600), `kpi.targets.KEY` (0..10000 basis points),
// `kpi.satisfied_levels` (at least one).
[[nodiscard]] Result<void> validate_kpi_config(const KpiConfig& config);

// The audit's JSON forms (the API's shapes; see net/json/settings_json.hpp).
std::string deadline_policy_json(const DeadlinePolicy& policy);
std::string kpi_config_json(const KpiConfig& config);

}  // namespace hotline::core
