#pragma once
// The category taxonomy (诉求分类, up to three levels) as an immutable snapshot, and the one rule
// every category a ticket receives follows: it is empty (unclassified) or the path of a category
// of the taxonomy or of one of its upper levels ("城乡建设", "城乡建设/住房保障",
// "城乡建设/住房保障/公租房"). Cheap to share by shared_ptr; thread-safe for concurrent reads.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hotline::core {

struct Category {
  std::string level1;
  std::string level2;
  std::string level3;
  std::string path() const;  // "一级/二级/三级", shorter when levels are empty
};

class CategoryTaxonomy {
 public:
  CategoryTaxonomy() = default;
  explicit CategoryTaxonomy(std::vector<Category> categories);

  // True when `path` names a category or one of its upper levels; "" is no category.
  bool contains(std::string_view path) const;
  const std::vector<Category>& categories() const { return categories_; }

 private:
  std::vector<Category> categories_;
  std::set<std::string, std::less<>> paths_;  // every category's path and its upper levels' paths
};

// Ok for "" (unclassified) and for a path the taxonomy contains; otherwise invalid_argument
// "unknown category: ..." on `field`.
[[nodiscard]] Result<void> check_category(const CategoryTaxonomy& taxonomy, std::string_view category,
                                          const std::string& field);

}  // namespace hotline::core
