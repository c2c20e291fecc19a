#pragma once
// The KPI report of a year and the evaluation built on it: figures per month and per year from the
// stored counters, and the seed's tables (6-16) as plain `Table`s that every writer (text, CSV,
// XLSX) renders the same way. JSON has its own shape (`kpi_json` in report_writers.hpp).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/evaluation.hpp"
#include "core/kpi.hpp"
#include "core/kpi_repository.hpp"
#include "core/result.hpp"

namespace hotline::reporting {

struct KpiReport {
  int year = 0;
  core::KpiConfig config;
  std::vector<core::MonthCounters> months;  // the months shown, in order
  core::MonthCounters total;                // their sum
  std::array<std::vector<core::KpiFigure>, core::kKpiCount> monthly;  // per key, one per month
  std::array<core::KpiFigure, core::kKpiCount> yearly;                // per key, over `total`

  const core::KpiFigure& year_figure(core::KpiKey key) const { return yearly[static_cast<std::size_t>(key)]; }
  const std::vector<core::KpiFigure>& month_figures(core::KpiKey key) const {
    return monthly[static_cast<std::size_t>(key)];
  }
};

// `months` are the twelve months of `year`; `only_month` (1-12) keeps just that one, and the
// "year" figures are then that month's.
KpiReport build_kpi_report(int year, const std::vector<core::MonthCounters>& months, const core::KpiConfig& config,
                           std::optional<int> only_month = std::nullopt);
// not_found naming `year` when no month of `months` counted anything: a year without data is
// reported as such, not as eight zero KPIs "not met".
[[nodiscard]] core::Result<void> require_data(int year, const std::vector<core::MonthCounters>& months);

// Reads counters (or recomputes them from raw records) and builds the report. Errors: the
// repository's.
[[nodiscard]] core::Result<KpiReport> load_kpi_report(core::KpiRepository& repository, int year,
                                                      const core::KpiConfig& config, bool recompute,
                                                      std::optional<int> only_month = std::nullopt);

// The year's evaluation from the stored (or given) management inputs and the report's yearly
// figures. Errors: not_found when no inputs were entered for the year; evaluate's errors.
[[nodiscard]] core::Result<core::Evaluation> evaluate_year(const KpiReport& report,
                                                           const core::EvaluationInputs& inputs,
                                                           const core::EvaluationRules& rules);

// One table of the seed: a title ("表8：月度话务接通率完成情况统计表（单位：通）"), a header row and rows.
struct Table {
  std::string sheet;  // short sheet name for XLSX, e.g. "表8 话务接通率"
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Tables 6-15 of the seed, in order.
std::vector<Table> kpi_tables(const KpiReport& report);
// Table 16.
Table evaluation_table(const core::Evaluation& evaluation);

}  // namespace hotline::reporting
