#include "core/kpi_service.hpp"

#include <utility>

namespace hotline::core {
namespace {

bool may_import(Role role) { return role == Role::admin || role == Role::manager; }
bool may_read(Role role) { return role == Role::admin || role == Role::manager || role == Role::supervisor; }
bool may_enter_inputs(Role role) { return role == Role::admin || role == Role::manager; }

Result<void> check_year(int year) {
  if (year < 2000 || year > 2100) return fail(ErrorCode::invalid_argument, "year must be 2000-2100", "year");
  return {};
}

}  // namespace

KpiService::KpiService(KpiRepository& repository) : repository_(repository) {}

Result<KpiImportSummary> KpiService::import(const Actor& actor, KpiRecordSource& source) {
  if (!may_import(actor.role)) return fail(ErrorCode::forbidden, "role may not import KPI records");
  return repository_.import_records(source);
}

Result<std::vector<MonthCounters>> KpiService::counters(const Actor& actor, int year, bool recompute) {
  if (!may_read(actor.role)) return fail(ErrorCode::forbidden, "role may not read KPI reports");
  if (auto ok = check_year(year); !ok) return ok.error();
  return recompute ? repository_.recompute(year) : repository_.counters(year);
}

Result<std::optional<EvaluationInputs>> KpiService::evaluation_inputs(const Actor& actor, int year) {
  if (!may_read(actor.role)) return fail(ErrorCode::forbidden, "role may not read the evaluation");
  if (auto ok = check_year(year); !ok) return ok.error();
  return repository_.evaluation_inputs(year);
}

Result<void> KpiService::put_evaluation_inputs(const Actor& actor, const EvaluationInputs& inputs) {
  if (!may_enter_inputs(actor.role)) return fail(ErrorCode::forbidden, "role may not enter evaluation items");
  if (auto ok = validate_evaluation_inputs(inputs); !ok) return ok;
  return repository_.put_evaluation_inputs(inputs);
}

Result<void> validate_evaluation_inputs(const EvaluationInputs& inputs) {
  if (auto ok = check_year(inputs.year); !ok) return ok;
  if (!(inputs.budget_initial > 0))
    return fail(ErrorCode::invalid_argument, "initial budget must be positive", "budget_initial");
  if (!(inputs.budget_final >= 0))
    return fail(ErrorCode::invalid_argument, "final budget must not be negative", "budget_final");
  if (inputs.management.empty())
    return fail(ErrorCode::invalid_argument, "management items are required", "management");
  for (const auto& item : inputs.management) {
    if (item.name.empty()) return fail(ErrorCode::invalid_argument, "an item has no name", "management");
    if (!(item.points > 0) || !(item.score >= 0) || item.score > item.points)
      return fail(ErrorCode::invalid_argument, item.name + ": score must be 0-" + std::to_string(item.points),
                  "management." + item.name);
  }
  return {};
}

}  // namespace hotline::core
