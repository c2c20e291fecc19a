#include "reporting/report_writers.hpp"
#include "wire/json_writer.hpp"

namespace hotline::reporting {
namespace {

// Rates and scores appear with two decimals, as the seed prints them (96.16, 100.00).
constexpr int kDecimals = 2;

void rate(wire::JsonWriter& out, const std::optional<std::int64_t>& basis_points) {
  if (basis_points)
    out.fixed(static_cast<double>(*basis_points) / 100.0, kDecimals);
  else
    out.null();
}

template <typename Item, typename Write>
void array(wire::JsonWriter& out, const std::vector<Item>& items, Write write) {
  out.begin_array();
  for (const auto& item : items) write(item);
  out.end_array();
}

}  // namespace

std::string kpi_json(const KpiReport& report) {
  wire::JsonWriter out;
  out.begin_object().key("year").integer(report.year).key("months");
  array(out, report.months, [&](const core::MonthCounters& m) { out.string(core::month_label(m.month)); });
  out.key("kpis").begin_object();
  for (core::KpiKey key : core::all_kpi_keys()) {
    const auto& figures = report.month_figures(key);
    const auto& year = report.year_figure(key);
    out.key(core::to_string(key)).begin_object().key("numerator");
    array(out, figures, [&](const core::KpiFigure& f) { out.integer(f.numerator); });
    out.key("denominator");
    array(out, figures, [&](const core::KpiFigure& f) { out.integer(f.denominator); });
    out.key("rate");
    array(out, figures, [&](const core::KpiFigure& f) { rate(out, f.rate_basis_points); });
    out.key("year").begin_object().key("numerator").integer(year.numerator);
    out.key("denominator").integer(year.denominator).key("rate");
    rate(out, year.rate_basis_points);
    out.end_object();
    out.key("target").string(core::describe(report.config.target(key))).key("met").boolean(year.met).end_object();
  }
  out.end_object().key("satisfaction_distribution").begin_object();
  using C = core::KpiCounter;
  for (C counter :
       {C::intake_very_satisfied, C::intake_satisfied, C::intake_basically_satisfied, C::intake_dissatisfied}) {
    std::string_view name = core::to_string(counter);
    name.remove_prefix(std::string_view("intake_").size());
    out.key(name);
    array(out, report.months, [&](const core::MonthCounters& m) { out.integer(m[counter]); });
  }
  out.end_object().end_object();
  return out.take() + "\n";
}

std::string evaluation_json(const core::Evaluation& evaluation) {
  wire::JsonWriter out;
  out.begin_object().key("management").begin_object().key("items").begin_object();
  for (const auto& item : evaluation.management) out.key(item.name).fixed(core::round2(item.score), kDecimals);
  out.end_object().key("total").fixed(core::round2(evaluation.management_total), kDecimals).end_object();
  out.key("results").begin_object().key("items").begin_object();
  for (const auto& item : evaluation.results)
    out.key(core::to_string(item.key)).fixed(core::round2(item.score), kDecimals);
  out.end_object().key("total").fixed(core::round2(evaluation.results_total), kDecimals).end_object();
  out.key("composite").fixed(core::round2(evaluation.composite), kDecimals);
  out.key("grade").string(evaluation.grade).end_object();
  return out.take() + "\n";
}

std::string tables_json(int year, std::optional<int> month, const std::vector<Table>& tables, bool with_evaluation) {
  wire::JsonWriter out;
  out.begin_object().key("year").integer(year).key("month");
  if (month)
    out.integer(*month);
  else
    out.null();
  out.key("evaluation").boolean(with_evaluation).key("tables");
  array(out, tables, [&](const Table& table) {
    out.begin_object().key("sheet").string(table.sheet).key("title").string(table.title).key("header");
    array(out, table.header, [&](const std::string& cell) { out.string(cell); });
    out.key("rows");
    array(out, table.rows, [&](const std::vector<std::string>& row) {
      array(out, row, [&](const std::string& cell) { out.string(cell); });
    });
    out.end_object();
  });
  out.end_object();
  return out.take();
}

}  // namespace hotline::reporting
