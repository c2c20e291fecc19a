#pragma once
// `SqliteKpiRepository`: the `core::KpiRepository` port on SQLite. Raw records live in compact
// integer tables (`kpi_calls`, `kpi_dialogues`, `kpi_tickets`, `kpi_dispatches`, ratings,
// callbacks, platform spans; agent/skill/unit names interned in `kpi_labels`), counters in
// `kpi_counters` (month, counter, value). An import is one writer job: every record and the
// counter changes they cause commit together or not at all.
//
// The ticket repository calls `apply_ticket_event` inside its own writer job, so live ticket events
// move the counters in the same transaction as the event.
// The configuration is the `settings` row "kpi" when one is stored (`Database` reads it on open),
// else the one given. `change_config` writes that row and rebuilds the counters in one writer job;
// every writer job reads the configuration on the writer thread, so jobs before it count with the
// old one and jobs after it with the new one.
// Thread-safe: writes go through the `GroupCommitWriter`, reads through the `ReadPool`; `config_`
// is guarded by `config_mutex_` (readers' `recompute` copy it).

#include <mutex>

#include "core/kpi_repository.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteKpiRepository final : public core::KpiRepository {
 public:
  SqliteKpiRepository(GroupCommitWriter& writer, ReadPool& readers, core::KpiConfig config);

  // core::KpiRepository
  [[nodiscard]] core::Result<core::KpiImportSummary> import_records(core::KpiRecordSource& source) override;
  [[nodiscard]] core::Result<std::vector<core::MonthCounters>> counters(int year) override;
  [[nodiscard]] core::Result<std::vector<core::MonthCounters>> recompute(int year) override;
  [[nodiscard]] core::Result<void> rebuild_counters() override;
  [[nodiscard]] core::Result<std::optional<core::EvaluationInputs>> evaluation_inputs(int year) override;
  [[nodiscard]] core::Result<void> put_evaluation_inputs(const core::EvaluationInputs& inputs) override;
  [[nodiscard]] core::KpiConfig config() override;
  [[nodiscard]] core::Result<core::KpiRebuildSummary> change_config(const core::KpiConfig& config) override;

  // Records what `event` (already applied to `after`) means for the KPIs, on the writer connection
  // inside the caller's job. Throws `SqliteError` on storage failure.
  void apply_ticket_event(Connection& db, const core::Ticket& after, const core::TicketEvent& event);


 private:
  GroupCommitWriter& writer_;
  ReadPool& readers_;
  mutable std::mutex config_mutex_;  // guards config_
  core::KpiConfig config_;
};

}  // namespace hotline::storage::sqlite
