#include "core/evaluation.hpp"

#include <algorithm>
#include <cmath>

namespace hotline::core {

std::vector<ManagementItem> default_management_items() {
  return {
      {"立项定位", "立项依据充分性", 10, 10},   {"立项定位", "立项必要性", 10, 10},
      {"立项定位", "项目可行性", 10, 10},       {"预算编制", "预算细化度", 10, 10},
      {"预算编制", "预算规范性", 10, 10},       {"组织实施", "项目管理制度健全性", 10, 10},
      {"组织实施", "项目风险管理", 10, 10},     {"绩效评价", std::string(kBudgetExecutionItem), 10, 0},
      {"绩效评价", "完成进度及质量", 10, 10},   {"绩效评价", "监管有效性", 10, 10},
  };
}

double round2(double value) { return std::round(value * 100.0) / 100.0; }

std::string grade_for(double composite) {
  if (composite >= 90) return "优";
  if (composite >= 80) return "良";
  if (composite >= 60) return "中";
  return "差";
}

Result<double> budget_execution_score(double initial, double final_budget, double points) {
  if (!(initial > 0) || final_budget < 0)
    return fail(ErrorCode::invalid_argument, "the initial budget must be positive and the final one not negative",
                "budget_initial");
  return round2(std::min(points, points * final_budget / initial));
}

Result<Evaluation> evaluate(const EvaluationInputs& inputs, const std::array<KpiFigure, kKpiCount>& year_figures,
                            const KpiConfig& config, const EvaluationRules& rules) {
  Evaluation evaluation;
  for (ManagementItem item : inputs.management) {
    if (item.name == kBudgetExecutionItem) {
      auto score = budget_execution_score(inputs.budget_initial, inputs.budget_final, item.points);
      if (!score) return score.error();
      item.score = *score;
    } else if (item.score < 0 || item.score > item.points) {
      return fail(ErrorCode::invalid_argument, "score of " + item.name + " must be between 0 and its points",
                  "management");
    }
    evaluation.management_total += item.score;
    evaluation.management.push_back(std::move(item));
  }
  evaluation.management_total = round2(evaluation.management_total);

  for (KpiKey key : all_kpi_keys()) {
    const KpiFigure& figure = year_figures[static_cast<std::size_t>(key)];
    ScoredResult result{key, is_output_kpi(key) ? rules.output_points : rules.effect_points, 0};
    if (figure.met) {
      result.score = result.points;
    } else if (rules.below_target == BelowTargetRule::proportional && figure.denominator > 0) {
      double actual = static_cast<double>(figure.numerator) / static_cast<double>(figure.denominator);
      double target = static_cast<double>(config.target(key).basis_points) / 10000.0;
      result.score = round2(result.points * std::min(1.0, target > 0 ? actual / target : 1.0));
    }
    evaluation.results_total += result.score;
    evaluation.results.push_back(result);
  }
  evaluation.results_total = round2(evaluation.results_total);
  evaluation.composite = round2(rules.management_weight * evaluation.management_total +
                                rules.results_weight * evaluation.results_total);
  evaluation.grade = grade_for(evaluation.composite);
  return evaluation;
}

}  // namespace hotline::core
