#pragma once
// Port: the raw KPI records, the monthly counters they move, and the evaluation inputs people
// enter. Implemented in storage/{memory,sqlite} and checked by storage/conformance.
//
// Counters are maintained incrementally: an import adds its records and the counter changes they
// cause in one transaction, and the ticket repositories do the same for live ticket events. Which
// records and counters move is decided once, by `core::KpiLedger` (kpi_ledger.hpp); a backend
// answers the ledger's `KpiFacts` questions and persists its `KpiWrites`. A
// report therefore reads twelve rows; `recompute` rebuilds the same figures from the raw records
// for audit and must agree exactly. Counters that depend on the configuration (timeliness limits)
// are computed with the repository's current `KpiConfig` (`config`); `change_config` replaces it
// and rebuilds every counter in one step, so no ticket event is counted with a mix of the two.
// Every method is synchronous and thread-safe; a method that returns success is durable.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/evaluation.hpp"
#include "core/kpi.hpp"
#include "core/kpi_records.hpp"
#include "core/result.hpp"

namespace hotline::core {

// Where an import reads its records from: the CSV/JSON Lines readers, the replay generator, the API.
class KpiRecordSource {
 public:
  virtual ~KpiRecordSource() = default;
  // Replaces `batch` with the next records; returns false when there are none left. Errors (a bad
  // row, with its line number in the message) abort the whole import.
  [[nodiscard]] virtual Result<bool> next(KpiRecordBatch& batch) = 0;
};

struct KpiImportSummary {
  std::int64_t records = 0;
};

// What `KpiRepository::change_config` rebuilt.
struct KpiRebuildSummary {
  std::int64_t months = 0;  // months whose counters were recomputed (every month with records)
};

class KpiRepository {
 public:
  virtual ~KpiRepository() = default;

  // Stores every record of `source` and bumps the counters, all in one transaction: on any error
  // (from the source, a duplicate ticket, a callback or dispatch of an unknown ticket) nothing is
  // stored. Errors: the source's error; invalid_argument/conflict for records that do not fit;
  // unavailable on storage failure.
  [[nodiscard]] virtual Result<KpiImportSummary> import_records(KpiRecordSource& source) = 0;

  // The stored counters of the twelve months of `year` (months without records are zero).
  [[nodiscard]] virtual Result<std::vector<MonthCounters>> counters(int year) = 0;
  // The same, computed from the raw records only (audit); does not change the stored counters.
  [[nodiscard]] virtual Result<std::vector<MonthCounters>> recompute(int year) = 0;
  // Replaces every stored counter with the recomputed one (after a configuration change).
  [[nodiscard]] virtual Result<void> rebuild_counters() = 0;

  // The configuration the counters are computed with now: the one stored by the last
  // `change_config`, else the one the repository was opened with.
  [[nodiscard]] virtual KpiConfig config() = 0;
  // Stores `config` (it survives a reopen) and rebuilds every counter with it, atomically: a
  // concurrent import or ticket event is counted entirely before or entirely after the change, and
  // on any error neither the configuration nor a counter changes. The caller validates `config`.
  // Errors: unavailable on storage failure.
  [[nodiscard]] virtual Result<KpiRebuildSummary> change_config(const KpiConfig& config) = 0;

  // The management items and budget of a year, as people entered them; nullopt when none.
  [[nodiscard]] virtual Result<std::optional<EvaluationInputs>> evaluation_inputs(int year) = 0;
  [[nodiscard]] virtual Result<void> put_evaluation_inputs(const EvaluationInputs& inputs) = 0;
};

}  // namespace hotline::core
