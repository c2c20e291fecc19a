#include "core/dispatch_catalogue.hpp"

#include <gtest/gtest.h>

#include "core/dispatch_service.hpp"
#include "core/dispatch_suggester.hpp"

namespace hotline::core {
namespace {

DispatchRule rule(std::string id, std::string category, std::string lead) {
  DispatchRule r;
  r.id = std::move(id);
  r.category = std::move(category);
  r.lead_unit = std::move(lead);
  return r;
}

Place at(std::string district, std::string street = {}) {
  Place place;
  place.district = std::move(district);
  place.street = std::move(street);
  return place;
}

UnitTree tree() {
  return UnitTree({{"4401", "", UnitKind::city, "广州市", true},
                   {"440106", "4401", UnitKind::district, "天河区", true},
                   {"440106001", "440106", UnitKind::street, "五山街道", true},
                   {"440104", "4401", UnitKind::district, "越秀区", true},
                   {"dept-zjj", "4401", UnitKind::department, "市住建局", true},
                   {"dept-cgj", "4401", UnitKind::department, "市城管局", true},
                   {"dept-old", "4401", UnitKind::department, "已撤销", false}});
}

TEST(DispatchCatalogue, CategoryMatchesWholeLevelsOnly) {
  auto r = rule("r", "城乡建设/城乡规划", "dept-zjj");
  EXPECT_TRUE(rule_applies(r, "城乡建设/城乡规划/违法建设", Place{}));
  EXPECT_TRUE(rule_applies(r, "城乡建设/城乡规划", Place{}));
  EXPECT_FALSE(rule_applies(r, "城乡建设", Place{}));
  EXPECT_FALSE(rule_applies(r, "城乡建设/城乡规划局", Place{}));
  EXPECT_EQ(rule_applies(rule("any", "", "dept-zjj"), "民政", Place{})->category_depth, 0);
}

TEST(DispatchCatalogue, MostSpecificRuleComesFirst) {
  std::vector<DispatchRule> rules{rule("a-any", "", "dept-zjj"), rule("b-level1", "城乡建设", "dept-zjj"),
                                  rule("c-level2", "城乡建设/城市建设和市政管理", "dept-cgj")};
  auto local = rule("d-level1-tianhe", "城乡建设", "440106");
  local.district = "440106";
  rules.push_back(local);
  auto matches = match_rules(rules, "城乡建设/城市建设和市政管理/市容", at("440106"));
  ASSERT_EQ(matches.size(), 4u);
  EXPECT_EQ(matches[0].rule->id, "c-level2");
  EXPECT_EQ(matches[1].rule->id, "d-level1-tianhe");  // same depth, narrowed to the place
  EXPECT_EQ(matches[2].rule->id, "b-level1");
  EXPECT_EQ(matches[3].rule->id, "a-any");
  EXPECT_EQ(match_rules(rules, "城乡建设", at("440104")).size(), 2u);  // the Tianhe rule does not apply
}

TEST(DispatchCatalogue, RuleUnitsAddThePlaceDistrictOnceWhenAsked) {
  auto r = rule("r", "城乡建设", "dept-zjj");
  r.co_units = {"dept-cgj", "440106"};
  r.place_co_handles = true;
  EXPECT_EQ(rule_units(r, at("440106")), (std::vector<UnitId>{"dept-zjj", "dept-cgj", "440106"}));
  EXPECT_EQ(rule_units(r, at("440104")), (std::vector<UnitId>{"dept-zjj", "dept-cgj", "440106", "440104"}));
  EXPECT_EQ(rule_units(r, Place{}), (std::vector<UnitId>{"dept-zjj", "dept-cgj", "440106"}));
}

TEST(DispatchCatalogue, ValidationNamesTheField) {
  auto field_of = [](const DispatchRule& r) {
    auto result = validate_rule(r, tree());
    return result ? std::string("ok") : result.error().field;
  };
  EXPECT_EQ(field_of(rule("ok-1", "城乡建设/城乡规划", "dept-zjj")), "ok");
  EXPECT_EQ(field_of(rule("Bad", "城乡建设", "dept-zjj")), "id");
  EXPECT_EQ(field_of(rule("r", "a/b/c/d", "dept-zjj")), "category");
  EXPECT_EQ(field_of(rule("r", "a//b", "dept-zjj")), "category");
  EXPECT_EQ(field_of(rule("r", "a", "")), "lead_unit");
  EXPECT_EQ(field_of(rule("r", "a", "dept-old")), "lead_unit");
  auto co = rule("r", "a", "dept-zjj");
  co.co_units = {"dept-cgj", "dept-zjj"};
  EXPECT_EQ(field_of(co), "co_units[1]");
  auto street = rule("r", "a", "dept-zjj");
  street.district = "440104";
  street.street = "440106001";
  EXPECT_EQ(field_of(street), "street");
  auto district = rule("r", "a", "dept-zjj");
  district.district = "dept-cgj";
  EXPECT_EQ(field_of(district), "district");
}

TEST(DispatchSuggester, CombinesCategoriesRulesAndPlaceIntoRankedUnits) {
  auto housing = rule("cxjs", "城乡建设", "dept-zjj");
  housing.place_co_handles = true;
  std::vector<DispatchRule> rules{housing, rule("cxjs-szgl", "城乡建设/城市建设和市政管理", "dept-cgj")};
  PlaceContext place{at("440106"), "天河区", "registered"};
  auto units = suggest_units({{"城乡建设", 0.7, "classifier", {"违章搭建", "消防通道"}},
                              {"城乡建设/城市建设和市政管理", 0.2, "classifier", {}},
                              {"民政", 0.1, "classifier", {}}},
                             place, rules, tree());
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0].unit_id, "dept-zjj");
  EXPECT_DOUBLE_EQ(units[0].score, 0.7);
  EXPECT_EQ(units[0].unit_name, "市住建局");
  ASSERT_FALSE(units[0].reasons.empty());
  EXPECT_EQ(units[0].reasons[0], "模型分类 城乡建设 (0.70, 关键词: 违章搭建、消防通道)");
  EXPECT_EQ(units[1].unit_id, "440106");
  EXPECT_DOUBLE_EQ(units[1].score, 0.7 * kCoHandlerFactor);
  EXPECT_EQ(units[2].unit_id, "dept-cgj");
  ASSERT_FALSE(units[1].reasons.empty());
  EXPECT_NE(units[1].reasons.back().find("天河区"), std::string::npos);
}

TEST(DispatchSuggester, UnitsLearnedFromPastDispatchesWeighInWithTheirWords) {
  PlaceContext place{at("440106"), "天河区", "text"};
  std::vector<DispatchRule> rules{rule("cxjs", "城乡建设", "dept-zjj")};
  const std::vector<CategoryCandidate> candidates{{"城乡建设", 0.8, "classifier", {}}};
  const std::vector<LabelScore> learned{{"440106", 0.6, {"石牌", "违建"}},
                                        {"dept-zjj", 0.3, {}},
                                        {"no-such-unit", 0.9, {}},  // a unit gone from the tree
                                        {"dept-old", 0.5, {}},      // a unit no longer active
                                        {"dept-cgj", 0.04, {}}};    // below kMinCandidateWeight
  auto units = suggest_units(candidates, place, rules, tree(), learned);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].unit_id, "dept-zjj");
  EXPECT_DOUBLE_EQ(units[0].score, (1 - kLearnedUnitWeight) * 0.8 + kLearnedUnitWeight * 0.3);
  EXPECT_EQ(units[1].unit_id, "440106");
  EXPECT_DOUBLE_EQ(units[1].score, kLearnedUnitWeight * 0.6);
  ASSERT_EQ(units[1].reasons.size(), 1u);
  EXPECT_EQ(units[1].reasons[0], "历史派单 相似工单由该单位办理 (0.60, 关键词: 石牌、违建)");

  // Without learned units the catalogue alone decides, unscaled.
  EXPECT_DOUBLE_EQ(suggest_units(candidates, place, rules, tree())[0].score, 0.8);
  // Learned units alone (no rule for the category) still make suggestions, and no place fallback.
  auto only_learned = suggest_units({{"民政", 0.9, "classifier", {}}}, place, rules, tree(), learned);
  ASSERT_EQ(only_learned.size(), 2u);
  EXPECT_EQ(only_learned[0].unit_id, "440106");
  EXPECT_DOUBLE_EQ(only_learned[0].score, kLearnedUnitWeight * 0.6);
}

TEST(DispatchSuggester, TheUnitModelSeesThePlaceIdsAfterTheText) {
  EXPECT_EQ(unit_model_text("工地噪音", at("440106", "440106001")), "工地噪音\n440106 440106001");
  EXPECT_EQ(unit_model_text("工地噪音", at("440106")), "工地噪音\n440106");
  EXPECT_EQ(unit_model_text("工地噪音", Place{}), "工地噪音");
}

TEST(DispatchSuggester, FallsBackToThePlaceWhenNoRuleApplies) {
  PlaceContext place{at("440106"), "天河区", "text"};
  auto units = suggest_units({{"民政", 0.9, "classifier", {}}}, place, {rule("r", "城乡建设", "dept-zjj")}, tree());
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].unit_id, "440106");
  EXPECT_DOUBLE_EQ(units[0].score, kPlaceFallbackScore);
  EXPECT_TRUE(suggest_units({{"民政", 0.9, "classifier", {}}}, PlaceContext{}, {}, tree()).empty());
}

}  // namespace
}  // namespace hotline::core
