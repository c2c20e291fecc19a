#pragma once
// `InMemoryKpiRepository`: the `core::KpiRepository` port in process memory, for tests and demos.
// Keeps every record, the counters and the evaluation inputs; an import works on a copy of the
// state and swaps it in only when the whole source was read, so a failed import leaves nothing.
// `InMemoryTicketRepository` calls `apply_ticket_event` for live ticket events.
// Thread-safe: every method locks `mutex_`.

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/kpi_ledger.hpp"
#include "core/kpi_repository.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"

namespace hotline::storage::memory {

class InMemoryKpiRepository final : public core::KpiRepository {
 public:
  explicit InMemoryKpiRepository(core::KpiConfig config = {});

  // core::KpiRepository
  [[nodiscard]] core::Result<core::KpiImportSummary> import_records(core::KpiRecordSource& source) override;
  [[nodiscard]] core::Result<std::vector<core::MonthCounters>> counters(int year) override;
  [[nodiscard]] core::Result<std::vector<core::MonthCounters>> recompute(int year) override;
  [[nodiscard]] core::Result<void> rebuild_counters() override;
  [[nodiscard]] core::Result<std::optional<core::EvaluationInputs>> evaluation_inputs(int year) override;
  [[nodiscard]] core::Result<void> put_evaluation_inputs(const core::EvaluationInputs& inputs) override;
  [[nodiscard]] core::KpiConfig config() override;
  [[nodiscard]] core::Result<core::KpiRebuildSummary> change_config(const core::KpiConfig& config) override;

  // Records what `event` (already applied to `after`) means for the KPIs.
  void apply_ticket_event(const core::Ticket& after, const core::TicketEvent& event);

 public:
  // The stored records and the indexes the KPI ledger's questions need.
  struct State {
    core::KpiRecordBatch records;               // every record, in arrival order
    std::map<std::int64_t, std::size_t> tickets;  // ticket -> index in records.tickets
    std::map<std::int64_t, std::size_t> first_dissatisfied;  // ticket -> index in records.result_ratings
    std::map<std::int64_t, std::size_t> latest_dispatch;     // ticket -> index in records.dispatches
    std::set<std::int64_t> called_back_in_time;
    std::set<std::string> call_ids;  // PBX call ids of stored call records
    std::map<core::YearMonth, core::MonthCounters> counters;
  };

 private:
  // Persists what the ledger decided. Errors: conflict for a ticket recorded twice (nothing stored).
  [[nodiscard]] static core::Result<void> persist(State& state, const core::KpiWrites& writes);

  // Adds `batch` to `state`. Errors as `import_records`.
  [[nodiscard]] core::Result<void> add(State& state, const core::KpiRecordBatch& batch) const;  // mutex_ held
  static void add_deltas(State& state, const core::KpiDeltas& deltas);
  std::map<core::YearMonth, core::MonthCounters> recompute_all() const;  // mutex_ held

  std::mutex mutex_;  // guards config_, state_ and evaluations_
  core::KpiConfig config_;
  State state_;
  std::map<int, core::EvaluationInputs> evaluations_;
};

}  // namespace hotline::storage::memory
