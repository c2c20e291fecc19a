#include <boost/json.hpp>

#include <cstdio>

#include "reporting/report_writers.hpp"

namespace hotline::reporting {
namespace {

// Written by hand rather than through boost::json::serialize, which prints 96.16 as 9.616E1:
// rates and scores appear with two decimals, as the seed prints them.
std::string quoted(std::string_view text) { return boost::json::serialize(boost::json::value(text)); }

std::string rate(const std::optional<std::int64_t>& basis_points) {
  return basis_points ? core::format_rate(basis_points) : "null";
}

std::string score(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", core::round2(value));
  return text;
}

template <typename Item, typename Format>
std::string array(const std::vector<Item>& items, Format format) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += format(items[i]);
  }
  return out + "]";
}

}  // namespace

std::string kpi_json(const KpiReport& report) {
  std::string out = "{\"year\":" + std::to_string(report.year) + ",\"months\":";
  out += array(report.months, [](const core::MonthCounters& m) { return quoted(core::month_label(m.month)); });
  out += ",\"kpis\":{";
  bool first = true;
  for (core::KpiKey key : core::all_kpi_keys()) {
    if (!first) out += ',';
    first = false;
    const auto& figures = report.month_figures(key);
    const auto& year = report.year_figure(key);
    out += quoted(core::to_string(key)) + ":{\"numerator\":";
    out += array(figures, [](const core::KpiFigure& f) { return std::to_string(f.numerator); });
    out += ",\"denominator\":" + array(figures, [](const core::KpiFigure& f) { return std::to_string(f.denominator); });
    out += ",\"rate\":" + array(figures, [](const core::KpiFigure& f) { return rate(f.rate_basis_points); });
    out += ",\"year\":{\"numerator\":" + std::to_string(year.numerator) +
           ",\"denominator\":" + std::to_string(year.denominator) + ",\"rate\":" + rate(year.rate_basis_points) + "}";
    out += ",\"target\":" + quoted(core::describe(report.config.target(key)));
    out += std::string(",\"met\":") + (year.met ? "true" : "false") + "}";
  }
  out += "},\"satisfaction_distribution\":{";
  using C = core::KpiCounter;
  first = true;
  for (C counter : {C::intake_very_satisfied, C::intake_satisfied, C::intake_basically_satisfied,
                    C::intake_dissatisfied}) {
    if (!first) out += ',';
    first = false;
    std::string_view name = core::to_string(counter);
    name.remove_prefix(std::string_view("intake_").size());
    out += quoted(name) + ":" +
           array(report.months, [&](const core::MonthCounters& m) { return std::to_string(m[counter]); });
  }
  return out + "}}\n";
}

std::string evaluation_json(const core::Evaluation& evaluation) {
  std::string out = "{\"management\":{\"items\":{";
  for (std::size_t i = 0; i < evaluation.management.size(); ++i) {
    if (i > 0) out += ',';
    out += quoted(evaluation.management[i].name) + ":" + score(evaluation.management[i].score);
  }
  out += "},\"total\":" + score(evaluation.management_total) + "},\"results\":{\"items\":{";
  for (std::size_t i = 0; i < evaluation.results.size(); ++i) {
    if (i > 0) out += ',';
    out += quoted(core::to_string(evaluation.results[i].key)) + ":" + score(evaluation.results[i].score);
  }
  out += "},\"total\":" + score(evaluation.results_total) + "},\"composite\":" + score(evaluation.composite) +
         ",\"grade\":" + quoted(evaluation.grade) + "}\n";
  return out;
}

}  // namespace hotline::reporting
