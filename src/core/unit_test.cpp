#include "core/unit.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

UnitTree sample_tree() {
  return UnitTree({
      {"4401", "", UnitKind::city, "广州市", true},
      {"440106", "4401", UnitKind::district, "天河区", true},
      {"440106001", "440106", UnitKind::street, "五山街道", true},
      {"440104", "4401", UnitKind::district, "越秀区", true},
      {"dept-zjj", "4401", UnitKind::department, "广州市住房和城乡建设局", true},
  });
}

TEST(UnitTree, AncestryAndSubtree) {
  auto tree = sample_tree();
  EXPECT_TRUE(tree.is_within("440106001", "440106"));
  EXPECT_TRUE(tree.is_within("440106001", "4401"));
  EXPECT_TRUE(tree.is_within("440106", "440106"));
  EXPECT_FALSE(tree.is_within("440106001", "440104"));
  EXPECT_FALSE(tree.is_within("nope", "4401"));
  auto sub = tree.subtree("440106");
  EXPECT_EQ(sub.size(), 2u);
  EXPECT_TRUE(tree.subtree("missing").empty());
}

TEST(UnitTree, ValidateRefusesUnknownParentAndCycles) {
  auto tree = sample_tree();
  EXPECT_TRUE(validate_unit({"440106002", "440106", UnitKind::street, "石牌街道", true}, tree));
  auto unknown = validate_unit({"x", "nowhere", UnitKind::street, "X", true}, tree);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "parent_id");
  auto cycle = validate_unit({"440106", "440106001", UnitKind::district, "天河区", true}, tree);
  ASSERT_FALSE(cycle);
  EXPECT_EQ(cycle.error().code, ErrorCode::invalid_argument);
  EXPECT_FALSE(validate_unit({"", "4401", UnitKind::street, "X", true}, tree));
  EXPECT_FALSE(validate_unit({"y", "4401", UnitKind::street, "", true}, tree));
}

}  // namespace
}  // namespace hotline::core
