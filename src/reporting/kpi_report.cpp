#include "reporting/kpi_report.hpp"

#include <cstdio>

namespace hotline::reporting {
namespace {

using core::KpiCounter;
using core::KpiKey;

std::string count(std::int64_t value) { return std::to_string(value); }
std::string percent(const core::KpiFigure& figure) { return core::format_rate(figure.rate_basis_points) + (figure.rate_basis_points ? "%" : ""); }

std::string month_name(core::YearMonth month) {
  return std::to_string(month / 100) + "年" + std::to_string(month % 100) + "月";
}

std::string score_text(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", score);
  std::string s = text;
  // The seed prints 10, 9.67, 99.87: drop trailing zeros.
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// A monthly table: one row per month and a 合计 row, columns produced by `cells`.
template <typename Cells>
Table monthly_table(const KpiReport& report, std::string sheet, std::string title, std::string first_column,
                    std::vector<std::string> columns, KpiKey key, Cells cells) {
  Table table{std::move(sheet), std::move(title), {std::move(first_column)}, {}};
  for (auto& column : columns) table.header.push_back(std::move(column));
  const auto& figures = report.month_figures(key);
  for (std::size_t i = 0; i < report.months.size(); ++i) {
    std::vector<std::string> row{month_name(report.months[i].month)};
    for (auto& cell : cells(report.months[i], figures[i])) row.push_back(std::move(cell));
    table.rows.push_back(std::move(row));
  }
  std::vector<std::string> total{"合计"};
  for (auto& cell : cells(report.total, report.year_figure(key))) total.push_back(std::move(cell));
  table.rows.push_back(std::move(total));
  return table;
}

Table summary_table(const KpiReport& report, bool output, std::string sheet, std::string title) {
  Table table{std::move(sheet), std::move(title), {"序号", "关键性指标", "年度指标值（达到）", "已实现情况", "是否达标"}, {}};
  int number = 0;
  for (KpiKey key : core::all_kpi_keys()) {
    if (core::is_output_kpi(key) != output) continue;
    const auto& figure = report.year_figure(key);
    table.rows.push_back({std::to_string(++number), std::string(core::chinese_name(key)),
                          core::describe(report.config.target(key)), percent(figure), figure.met ? "是" : "否"});
  }
  return table;
}

}  // namespace

KpiReport build_kpi_report(int year, const std::vector<core::MonthCounters>& months, const core::KpiConfig& config,
                           std::optional<int> only_month) {
  KpiReport report;
  report.year = year;
  report.config = config;
  for (const auto& month : months)
    if (!only_month || month.month % 100 == *only_month) report.months.push_back(month);
  report.total = core::sum_counters(report.months);
  for (KpiKey key : core::all_kpi_keys()) {
    auto index = static_cast<std::size_t>(key);
    for (const auto& month : report.months) report.monthly[index].push_back(core::kpi_figure(key, month, config));
    report.yearly[index] = core::kpi_figure(key, report.total, config);
  }
  return report;
}

core::Result<void> require_data(int year, const std::vector<core::MonthCounters>& months) {
  for (const auto& month : months)
    for (auto value : month.values)
      if (value != 0) return {};
  return core::fail(core::ErrorCode::not_found, "no KPI data for the year " + std::to_string(year), "year");
}

core::Result<KpiReport> load_kpi_report(core::KpiRepository& repository, int year, const core::KpiConfig& config,
                                        bool recompute, std::optional<int> only_month) {
  auto months = recompute ? repository.recompute(year) : repository.counters(year);
  if (!months) return months.error();
  if (auto has_data = require_data(year, *months); !has_data) return has_data.error();
  return build_kpi_report(year, *months, config, only_month);
}

core::Result<core::Evaluation> evaluate_year(const KpiReport& report, const core::EvaluationInputs& inputs,
                                             const core::EvaluationRules& rules) {
  return core::evaluate(inputs, report.yearly, report.config, rules);
}

std::vector<Table> kpi_tables(const KpiReport& r) {
  std::vector<Table> tables;
  tables.push_back(summary_table(r, true, "表6 产出指标", "表6：项目产出指标完成情况一览表"));
  tables.push_back(monthly_table(r, "表7 话务平台可用率", "表7：话务平台可用率完成情况统计表（单位：分钟）", "时间",
                                 {"呼叫中心平台服务时长", "设备正常运行时长", "话务平台可用率"},
                                 KpiKey::platform_availability, [](const auto&, const core::KpiFigure& f) {
                                   return std::vector<std::string>{count(f.denominator), count(f.numerator), percent(f)};
                                 }));
  tables.push_back(monthly_table(r, "表8 话务接通率", "表8：月度话务接通率完成情况统计表（单位：通）", "时间",
                                 {"呼入量", "接通量", "话务接通率"}, KpiKey::call_answer_rate,
                                 [](const auto&, const core::KpiFigure& f) {
                                   return std::vector<std::string>{count(f.denominator), count(f.numerator), percent(f)};
                                 }));
  tables.push_back(monthly_table(
      r, "表9 工单转派及时率", "表9：工单转派的及时率完成情况统计表（单位：次）", "时间",
      {"热线转派工单量", "及时转派工单量", "超时转派工单量", "转派及时率"}, KpiKey::dispatch_timeliness,
      [](const auto&, const core::KpiFigure& f) {
        return std::vector<std::string>{count(f.denominator), count(f.numerator), count(f.denominator - f.numerator),
                                        percent(f)};
      }));
  tables.push_back(monthly_table(r, "表10 互联网渠道响应及时率", "表10：互联网渠道响应及时率完成情况统计表（单位：次）",
                                 "时间", {"符合沟通逻辑的对话量", "180秒响应量", "互联网渠道响应及时率"},
                                 KpiKey::online_response_timeliness, [](const auto&, const core::KpiFigure& f) {
                                   return std::vector<std::string>{count(f.denominator), count(f.numerator), percent(f)};
                                 }));
  tables.push_back(summary_table(r, false, "表11 效益指标", "表11：项目效益指标完成情况一览表"));
  tables.push_back(monthly_table(
      r, "表12 一次性解答率", "表12：群众咨询事项一次性解答率完成情况统计表", "月份",
      {"咨询类工单量（件）", "咨询类工单转派量（件）", "咨询事项一次性解答率"}, KpiKey::first_contact_resolution,
      [](const auto&, const core::KpiFigure& f) {
        return std::vector<std::string>{count(f.denominator), count(f.denominator - f.numerator), percent(f)};
      }));
  tables.push_back(monthly_table(
      r, "表13 工单转派准确率", "表13：工单转派准确率完成情况统计表", "月份",
      {"转派工单次数", "正确转派工单次数", "错派次数", "工单人工转派准确率"}, KpiKey::dispatch_accuracy,
      [](const auto&, const core::KpiFigure& f) {
        return std::vector<std::string>{count(f.denominator), count(f.numerator), count(f.denominator - f.numerator),
                                        percent(f)};
      }));
  tables.push_back(monthly_table(
      r, "表14 受理服务满意率", "表14：受理服务满意率完成情况统计表", "时间",
      {"有效评价件数", "非常满意件数", "满意件数", "基本满意件数", "满意率"}, KpiKey::intake_satisfaction,
      [](const core::MonthCounters& c, const core::KpiFigure& f) {
        return std::vector<std::string>{count(f.denominator), count(c[KpiCounter::intake_very_satisfied]),
                                        count(c[KpiCounter::intake_satisfied]),
                                        count(c[KpiCounter::intake_basically_satisfied]), percent(f)};
      }));
  tables.push_back(monthly_table(
      r, "表15 不满意回访率", "表15：不满意回访率完成情况统计表", "时间",
      {"市民对办理结果评价不满意的工单", "及时完成回访工单量", "回访率"}, KpiKey::dissatisfied_callback_rate,
      [](const auto&, const core::KpiFigure& f) {
        return std::vector<std::string>{count(f.denominator), count(f.numerator), percent(f)};
      }));
  return tables;
}

Table evaluation_table(const core::Evaluation& e) {
  Table table{"表16 综合评价", "表16：项目综合评价评分表", {"一级指标", "二级指标", "三级指标", "分值", "得分"}, {}};
  double management_points = 0;
  for (const auto& item : e.management) {
    management_points += item.points;
    table.rows.push_back({"管理绩效指标", item.group, item.name, score_text(item.points), score_text(item.score)});
  }
  table.rows.push_back({"管理绩效指标", "小计", "", score_text(management_points), score_text(e.management_total)});
  double result_points = 0;
  for (const auto& result : e.results) {
    result_points += result.points;
    table.rows.push_back({"结果绩效指标", core::is_output_kpi(result.key) ? "产出指标" : "效果指标",
                          std::string(core::chinese_name(result.key)), score_text(result.points),
                          score_text(result.score)});
  }
  table.rows.push_back({"结果绩效指标", "小计", "", score_text(result_points), score_text(e.results_total)});
  table.rows.push_back({"综合评价得分", "管理绩效得分合计*40%+结果绩效指标得分*60%", "", "", score_text(e.composite)});
  table.rows.push_back({"绩效级别等次", "", "", "", e.grade});
  return table;
}

}  // namespace hotline::reporting
