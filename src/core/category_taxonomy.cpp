#include "core/category_taxonomy.hpp"

namespace hotline::core {

std::string Category::path() const {
  std::string out = level1;
  if (!level2.empty()) out += "/" + level2;
  if (!level3.empty()) out += "/" + level3;
  return out;
}

CategoryTaxonomy::CategoryTaxonomy(std::vector<Category> categories) : categories_(std::move(categories)) {
  for (const auto& category : categories_) {
    if (category.level1.empty()) continue;
    std::string path = category.level1;
    paths_.insert(path);
    if (category.level2.empty()) continue;
    path += "/" + category.level2;
    paths_.insert(path);
    if (category.level3.empty()) continue;
    paths_.insert(path + "/" + category.level3);
  }
}

bool CategoryTaxonomy::contains(std::string_view path) const {
  return paths_.find(path) != paths_.end();
}

Result<void> check_category(const CategoryTaxonomy& taxonomy, std::string_view category, const std::string& field) {
  if (category.empty() || taxonomy.contains(category)) return {};
  return fail(ErrorCode::invalid_argument, "unknown category: " + std::string(category) + " (see /api/v1/categories)",
              field);
}

}  // namespace hotline::core
