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

}  // namespace
}  // namespace hotline::core
