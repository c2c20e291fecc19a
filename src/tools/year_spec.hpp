#pragma once
// `YearSpec`: a year of published KPI figures (data/kpi/gz12345-2023-kpis.json, the seed's tables
// 7-16) - what `replay-year` reproduces and what the seed tests compare the reports with.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/evaluation.hpp"
#include "core/kpi.hpp"

namespace hotline::tools {

struct YearSpec {
  int year = 0;
  std::vector<core::YearMonth> months;  // 12
  // Per month, in `months` order.
  std::vector<std::int64_t> platform_service_minutes, platform_normal_minutes;
  std::vector<std::int64_t> calls_offered, calls_answered;
  std::vector<std::int64_t> tickets_dispatched, tickets_dispatched_timely;
  std::vector<std::int64_t> dialogues, dialogues_timely;
  std::vector<std::int64_t> inquiries, inquiries_dispatched;
  std::vector<std::int64_t> dispatch_operations, dispatch_operations_wrong;
  std::vector<std::int64_t> intake_valid, intake_very_satisfied, intake_satisfied, intake_basically_satisfied;
  std::vector<std::int64_t> result_dissatisfied, called_back_in_time;
  std::array<double, core::kKpiCount> published_rates{};  // percent, in all_kpi_keys() order
  core::KpiConfig config;                                 // targets from the spec, defaults otherwise
  core::EvaluationInputs evaluation;
  double composite = 0;
  std::string grade;
};

// The seed counts only valid intake ratings; a replay adds one invalid rating per this many valid.
inline constexpr std::int64_t kValidRatingsPerInvalid = 50;

// The default spec shipped in data/.
std::string default_year_spec_path();

// Reads a spec file. Throws `std::runtime_error` with a one-line message when the file is missing
// or malformed (a startup error for the CLI).
YearSpec load_year_spec(const std::string& path);

// Counts multiplied by `scale` and rounded (minutes are never scaled), keeping every part no larger
// than its whole; scale 1 returns the spec unchanged.
YearSpec scale_year_spec(const YearSpec& spec, double scale);

// The monthly counters the spec's figures amount to (what a replay must produce, invalid ratings
// included).
std::vector<core::MonthCounters> spec_counters(const YearSpec& spec);

}  // namespace hotline::tools
