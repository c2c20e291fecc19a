#pragma once
// JSON codecs of the KPI data people and systems send: records posted to /api/v1/records/{kind},
// and the evaluation inputs people enter (PUT /api/v1/evaluation-inputs/{year} and
// `hotline report inputs`). Strict like every decoder here: errors name the offending field.

#include <string>
#include <string_view>

#include "core/evaluation.hpp"
#include "core/kpi_records.hpp"
#include "core/kpi_repository.hpp"
#include "core/result.hpp"

namespace hotline::wire {

// `body` is a JSON array of objects (at most 10,000) whose keys are the record's columns
// (core/kpi_records.hpp); values are strings, numbers or booleans. Errors: invalid_argument naming
// "records[i].field".
[[nodiscard]] core::Result<core::KpiRecordBatch> decode_kpi_records(core::KpiRecordKind kind, std::string_view body);

// {"budget_initial": 1234.5, "budget_final": 1200, "management": {"<三级指标>": score, ...}}
// The items are the seed's ten (core::default_management_items); every item but 资金支出率 must be
// given. Errors: invalid_argument naming the field.
[[nodiscard]] core::Result<core::EvaluationInputs> decode_evaluation_inputs(int year, std::string_view body);
std::string encode_evaluation_inputs(const core::EvaluationInputs& inputs);

std::string encode_import_summary(const core::KpiImportSummary& summary);

}  // namespace hotline::wire
