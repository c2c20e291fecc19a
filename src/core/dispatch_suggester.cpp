#include "core/dispatch_suggester.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace hotline::core {
namespace {

std::string percent(double weight) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", weight);
  return buffer;
}

std::string unit_name(const UnitTree& units, const UnitId& id) {
  const Unit* unit = units.find(id);
  return unit == nullptr ? std::string{} : unit->name;
}

// "(0.95, 关键词: 消防通道、占用)": a model's probability and its evidence words, if any.
std::string score_and_words(double score, const std::vector<std::string>& words) {
  std::string out = "(" + percent(score);
  for (std::size_t i = 0; i < words.size(); ++i) out += (i == 0 ? ", 关键词: " : "、") + words[i];
  return out + ")";
}

std::string category_reason(const CategoryCandidate& candidate) {
  if (candidate.source == "registered") return "诉求分类 " + candidate.category + " (登记时填写)";
  return "模型分类 " + candidate.category + " " + score_and_words(candidate.weight, candidate.words);
}

std::string place_reason(const PlaceContext& place) {
  std::string name = place.name.empty() ? place.place.district : place.name;
  return "地点 " + name + (place.source == "text" ? " (文中识别)" : " (登记地点)");
}

}  // namespace

std::vector<DispatchSuggestion> suggest_units(const std::vector<CategoryCandidate>& candidates,
                                              const PlaceContext& place, const std::vector<DispatchRule>& rules,
                                              const UnitTree& units, const std::vector<LabelScore>& learned_units,
                                              std::size_t max_units) {
  std::map<UnitId, DispatchSuggestion> by_unit;
  auto credit = [&](const UnitId& unit, double score, std::vector<std::string> reasons) {
    auto& suggestion = by_unit[unit];
    suggestion.unit_id = unit;
    suggestion.score += score;
    for (auto& reason : reasons) {
      if (std::find(suggestion.reasons.begin(), suggestion.reasons.end(), reason) == suggestion.reasons.end())
        suggestion.reasons.push_back(std::move(reason));
    }
  };
  for (const auto& candidate : candidates) {
    if (candidate.weight < kMinCandidateWeight) continue;
    auto matches = match_rules(rules, candidate.category, place.place);
    if (matches.empty()) continue;
    const DispatchRule& rule = *matches.front().rule;
    std::string rule_reason = "派单目录规则 " + rule.id + " (" + (rule.category.empty() ? "任意分类" : rule.category);
    if (matches.front().specificity.place_level > 0) rule_reason += ", 限定地点";
    rule_reason += ")";
    bool uses_place = matches.front().specificity.place_level > 0;
    auto targets = rule_units(rule, place.place);
    for (std::size_t i = 0; i < targets.size(); ++i) {
      bool lead = i == 0;
      std::vector<std::string> reasons{category_reason(candidate), rule_reason + (lead ? " 主办" : " 协办")};
      bool place_unit = rule.place_co_handles && targets[i] == place.place.district;
      if (uses_place || place_unit) reasons.push_back(place_reason(place));
      credit(targets[i], candidate.weight * (lead ? 1.0 : kCoHandlerFactor), std::move(reasons));
    }
  }
  for (auto& [unit, suggestion] : by_unit) suggestion.score = std::min(1.0, suggestion.score);
  std::vector<const LabelScore*> learned;
  for (const auto& entry : learned_units) {
    const Unit* unit = units.find(entry.label);
    if (entry.score >= kMinCandidateWeight && unit != nullptr && unit->active) learned.push_back(&entry);
  }
  if (!learned.empty()) {
    for (auto& [unit, suggestion] : by_unit) suggestion.score *= 1.0 - kLearnedUnitWeight;
    for (const LabelScore* entry : learned) {
      credit(entry->label, kLearnedUnitWeight * entry->score,
             {"历史派单 相似工单由该单位办理 " + score_and_words(entry->score, entry->words)});
    }
  }
  if (by_unit.empty() && !place.place.district.empty())
    credit(place.place.district, kPlaceFallbackScore, {"派单目录无匹配规则, 按属地", place_reason(place)});

  std::vector<DispatchSuggestion> out;
  for (auto& [unit, suggestion] : by_unit) {
    suggestion.unit_name = unit_name(units, unit);
    out.push_back(std::move(suggestion));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const DispatchSuggestion& a, const DispatchSuggestion& b) { return a.score > b.score; });
  if (out.size() > max_units) out.resize(max_units);
  return out;
}

}  // namespace hotline::core
