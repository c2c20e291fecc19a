#pragma once
// The yearly performance evaluation (seed table 16): a management score from items people enter
// (10 items x 10 points; 资金支出率 computed from the budget), a results score from the eight KPIs
// (4 output x 12 + 4 effect x 13 points), composite = 40 % management + 60 % results, and a grade.
// Pure; the defaults reproduce the seed (99.67, 100, 99.87, 优).

#include <array>
#include <string>
#include <vector>

#include "core/kpi.hpp"
#include "core/result.hpp"

namespace hotline::core {

// The computed management item; its score is never entered.
inline constexpr std::string_view kBudgetExecutionItem = "资金支出率";

struct ManagementItem {
  std::string group;  // 二级指标, e.g. "立项定位"
  std::string name;   // 三级指标, e.g. "立项依据充分性"
  double points = 10;
  double score = 0;   // entered by people; ignored for 资金支出率
};

struct EvaluationInputs {
  int year = 0;
  std::vector<ManagementItem> management;  // in table order, 资金支出率 included
  double budget_initial = 0;  // 万元
  double budget_final = 0;    // 万元
};

// The seed's ten items with full scores, and 资金支出率 to be computed.
std::vector<ManagementItem> default_management_items();

enum class BelowTargetRule {
  proportional,  // points x actual rate / target rate
  zero,          // nothing unless met
};

struct EvaluationRules {
  double output_points = 12;
  double effect_points = 13;
  double management_weight = 0.4;
  double results_weight = 0.6;
  BelowTargetRule below_target = BelowTargetRule::proportional;
};

struct ScoredResult {
  KpiKey key = KpiKey::platform_availability;
  double points = 0;
  double score = 0;
};

struct Evaluation {
  std::vector<ManagementItem> management;  // with 资金支出率 scored
  double management_total = 0;
  std::vector<ScoredResult> results;
  double results_total = 0;
  double composite = 0;
  std::string grade;  // 优 >= 90, 良 80-90, 中 60-80, 差 < 60
};

// Rounds to 2 decimals, half away from zero (the seed's scores).
double round2(double value);
std::string grade_for(double composite);
// 10 x final / initial, at most the item's points. Errors: invalid_argument when initial <= 0.
[[nodiscard]] Result<double> budget_execution_score(double initial, double final_budget, double points);

// `year_figures` are the yearly KPI figures in `all_kpi_keys()` order. Errors: invalid_argument for
// a bad budget or a score outside 0..points.
[[nodiscard]] Result<Evaluation> evaluate(const EvaluationInputs& inputs,
                                          const std::array<KpiFigure, kKpiCount>& year_figures,
                                          const KpiConfig& config, const EvaluationRules& rules);

}  // namespace hotline::core
