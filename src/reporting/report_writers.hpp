#pragma once
// Renderers of the report tables and JSON documents. Pure string building except `write_xlsx`,
// which writes one workbook (libxlsxwriter), one sheet per table.

#include <optional>
#include <string>
#include <vector>

#include "core/evaluation.hpp"
#include "core/result.hpp"
#include "reporting/kpi_report.hpp"

namespace hotline::reporting {

// Aligned text tables (CJK characters count two columns), each under its title.
std::string render_text(const std::vector<Table>& tables);
// RFC 4180 CSV: each table as its title line, header and rows, tables separated by a blank line.
std::string render_csv(const std::vector<Table>& tables);
// Numbers that look like integers or decimals are written as numbers. Errors: unavailable when
// the file cannot be written.
[[nodiscard]] core::Result<void> write_xlsx(const std::vector<Table>& tables, const std::string& path);

// {"year":2023,"months":[...],"kpis":{"<key>":{"numerator":[..],"denominator":[..],"rate":[..],
//  "year":{...},"target":"≥95%","met":true}},"satisfaction_distribution":{...}}; rates are numbers
// with two decimals, null for an empty month.
std::string kpi_json(const KpiReport& report);
// {"year":2023,"month":null|1-12,"evaluation":true|false,"tables":[{"sheet","title","header":[..],
//  "rows":[[..]]}]}: the tables as the other writers get them, cells as text.
std::string tables_json(int year, std::optional<int> month, const std::vector<Table>& tables, bool with_evaluation);
// {"management":{"items":{name:score},"total":..},"results":{"items":{key:score},"total":..},
//  "composite":..,"grade":".."}
std::string evaluation_json(const core::Evaluation& evaluation);

}  // namespace hotline::reporting
