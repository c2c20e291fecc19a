#include "core/category_taxonomy.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

TEST(CategoryTaxonomy, HoldsEachCategoryAndItsUpperLevels) {
  CategoryTaxonomy taxonomy(
      {{"城乡建设", "住房保障", "公租房"}, {"城乡建设", "安全生产", "事故处理"}, {"交通运输", "", ""}});
  for (const char* path :
       {"城乡建设", "城乡建设/住房保障", "城乡建设/住房保障/公租房", "城乡建设/安全生产/事故处理", "交通运输"})
    EXPECT_TRUE(taxonomy.contains(path)) << path;
  for (const char* path : {"", "城乡", "城乡建设/", "城乡建设/公租房", "住房保障", "城乡建设/住房保障/公租房/一号楼",
                           "城乡建设/安全生产/公租房", "交通运输/公共交通", "made-up"})
    EXPECT_FALSE(taxonomy.contains(path)) << path;
  EXPECT_EQ(taxonomy.categories().size(), 3u);
  EXPECT_FALSE(CategoryTaxonomy{}.contains("城乡建设"));
}

TEST(CategoryTaxonomy, AnEmptyCategoryIsUnclassifiedAndAnUnknownOneIsRefused) {
  CategoryTaxonomy taxonomy({{"城乡建设", "住房保障", "公租房"}});
  EXPECT_TRUE(check_category(taxonomy, "", "category"));
  EXPECT_TRUE(check_category(taxonomy, "城乡建设/住房保障", "category"));
  auto refused = check_category(taxonomy, "城乡建设/噪音", "category");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "category");
  EXPECT_NE(refused.error().message.find("城乡建设/噪音"), std::string::npos);
}

TEST(CategoryTaxonomy, ANodeIsRetiredWhenEverythingUnderItIsAndThenRefused) {
  CategoryTaxonomy taxonomy({{"城乡建设", "住房保障", "公租房", true},
                             {"城乡建设", "住房保障", "廉租房", false},
                             {"城乡建设", "物业", "", true}});
  EXPECT_TRUE(taxonomy.is_active("城乡建设"));
  EXPECT_TRUE(taxonomy.is_active("城乡建设/住房保障"));
  EXPECT_TRUE(taxonomy.is_retired("城乡建设/住房保障/公租房"));
  EXPECT_TRUE(taxonomy.is_retired("城乡建设/物业"));
  EXPECT_FALSE(taxonomy.is_retired("交通运输"));  // unknown, not retired
  EXPECT_TRUE(taxonomy.contains("城乡建设/物业"));  // kept for history and search
  auto refused = check_category(taxonomy, "城乡建设/物业", "category");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "category");
  EXPECT_NE(refused.error().message.find("retired"), std::string::npos);
  EXPECT_TRUE(check_category(taxonomy, "城乡建设/住房保障/廉租房", "category"));
}

TEST(CategoryTaxonomy, PathsNamesAndMoves) {
  auto levels = parse_category_path("城乡建设/住房保障", "path");
  ASSERT_TRUE(levels);
  EXPECT_EQ(levels->level2, "住房保障");
  EXPECT_EQ(levels->level3, "");
  for (const char* bad : {"", "/a", "a//b", "a/", "a/b/c/d"}) EXPECT_FALSE(parse_category_path(bad, "path")) << bad;
  EXPECT_EQ(category_depth(""), 0u);
  EXPECT_EQ(category_depth("a/b/c"), 3u);
  EXPECT_EQ(*check_category_name("  公租房 ", "name"), "公租房");
  EXPECT_EQ(check_category_name(" ", "name").error().field, "name");
  EXPECT_FALSE(check_category_name("a/b", "name"));
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "房";
  EXPECT_TRUE(check_category_name(forty, "name"));
  EXPECT_FALSE(check_category_name(forty + "房", "name"));
  EXPECT_EQ(moved_category_path("a/b/c", "a/b", "a/x"), std::optional<std::string>("a/x/c"));
  EXPECT_EQ(moved_category_path("a/b", "a/b", "a/x"), std::optional<std::string>("a/x"));
  EXPECT_EQ(moved_category_path("a/bc", "a/b", "a/x"), std::nullopt);
  EXPECT_EQ(moved_category_path("", "a", "x"), std::nullopt);
  EXPECT_EQ(renamed_category_path("a/b", "c"), "a/c");
  EXPECT_EQ(renamed_category_path("a", "c"), "c");
}

}  // namespace
}  // namespace hotline::core
