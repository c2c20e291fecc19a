#pragma once
// The KPI use cases with their role rules: importing records (admins and managers: records come
// from the telephony and online platforms, not from people at the desk), reading the monthly
// counters (managers, supervisors, admins) and entering the evaluation's management items
// (managers, admins). Stateless apart from its collaborators; safe from many threads.

#include <optional>
#include <utility>
#include <vector>

#include "core/evaluation.hpp"
#include "core/kpi.hpp"
#include "core/kpi_repository.hpp"
#include "core/result.hpp"
#include "core/ticket_event.hpp"

namespace hotline::core {

class KpiService {
 public:
  explicit KpiService(KpiRepository& repository);

  // Errors: forbidden; the repository's (nothing is stored on any error).
  [[nodiscard]] Result<KpiImportSummary> import(const Actor& actor, KpiRecordSource& source);
  // The twelve months of `year`, from the counters or recomputed from raw records.
  [[nodiscard]] Result<std::vector<MonthCounters>> counters(const Actor& actor, int year, bool recompute);
  [[nodiscard]] Result<std::optional<EvaluationInputs>> evaluation_inputs(const Actor& actor, int year);
  // Errors: forbidden; invalid_argument naming the field (a score outside 0..points, a budget
  // that is not positive, a year outside 2000-2100).
  [[nodiscard]] Result<void> put_evaluation_inputs(const Actor& actor, const EvaluationInputs& inputs);

  // The configuration the counters are computed with now (`KpiRepository::config`): the targets
  // of reports and the dashboard follow a change made in the console.
  KpiConfig config() const { return repository_.config(); }

 private:
  KpiRepository& repository_;
};

// A source of records already in memory (an API request's body): one batch, then done.
class SingleBatchSource final : public KpiRecordSource {
 public:
  explicit SingleBatchSource(KpiRecordBatch batch) : batch_(std::move(batch)) {}
  // KpiRecordSource
  [[nodiscard]] Result<bool> next(KpiRecordBatch& batch) override {
    if (done_) return false;
    batch = std::move(batch_);
    done_ = true;
    return true;
  }

 private:
  KpiRecordBatch batch_;
  bool done_ = false;
};

// Checks entered inputs; see `put_evaluation_inputs`.
[[nodiscard]] Result<void> validate_evaluation_inputs(const EvaluationInputs& inputs);

}  // namespace hotline::core
