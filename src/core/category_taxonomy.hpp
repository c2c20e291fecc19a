#pragma once
// The category taxonomy (诉求分类, up to three levels) as an immutable snapshot, and the one rule
// every category a ticket receives follows: it is empty (unclassified) or the path of a category
// of the taxonomy or of one of its upper levels ("城乡建设", "城乡建设/住房保障",
// "城乡建设/住房保障/公租房"). Cheap to share by shared_ptr; thread-safe for concurrent reads.
//
// Admins add, rename and retire categories (ReferenceService). A retired category is refused for
// new registrations, reclassification and dispatch rules (`check_category`: invalid_argument on
// the field, "retired category: ..."), yet stays on the tickets that have it and in their history
// and search. The classifier's and the dispatch suggestions offer only `is_active` paths. A
// rename moves every category under the node and the dispatch rules naming it; tickets keep the
// path they were registered with.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hotline::core {

inline constexpr std::size_t kMaxCategoryNameChars = 40;  // characters (code points) per level

struct Category {
  std::string level1;
  std::string level2;
  std::string level3;
  bool retired = false;       // refused for new tickets; kept on old ones
  std::string path() const;  // "一级/二级/三级", shorter when levels are empty
};

class CategoryTaxonomy {
 public:
  CategoryTaxonomy() = default;
  explicit CategoryTaxonomy(std::vector<Category> categories);

  // True when `path` names a category or one of its upper levels, retired or not; "" is no category.
  bool contains(std::string_view path) const;
  // True when `path` is contained and some category at or below it is not retired.
  bool is_active(std::string_view path) const;
  // Contained but not active: the node and everything under it are retired.
  bool is_retired(std::string_view path) const { return contains(path) && !is_active(path); }
  const std::vector<Category>& categories() const { return categories_; }

 private:
  std::vector<Category> categories_;
  std::set<std::string, std::less<>> paths_;   // every category's path and its upper levels' paths
  std::set<std::string, std::less<>> active_;  // the same for the categories not retired
};

// Ok for "" (unclassified) and for an active path; otherwise invalid_argument on `field`:
// "unknown category: ..." or "retired category: ...".
[[nodiscard]] Result<void> check_category(const CategoryTaxonomy& taxonomy, std::string_view category,
                                          const std::string& field);

// "一级[/二级[/三级]]" read into levels (missing ones empty). Errors: invalid_argument on `field`
// for an empty path, an empty level or more than three levels.
[[nodiscard]] Result<Category> parse_category_path(std::string_view path, const std::string& field);
// The number of levels of a category path ("" has none).
std::size_t category_depth(std::string_view path);
// A level's name trimmed of surrounding spaces. Errors: invalid_argument on `field` when it is
// empty, longer than `kMaxCategoryNameChars` characters or holds '/'.
[[nodiscard]] Result<std::string> check_category_name(std::string_view name, const std::string& field);
// Where `path` goes when the node `from` is renamed to the path `to`: `to` plus the rest when
// `path` is `from` or lies below it ("a" covers "a/b", not "ab"); nothing otherwise.
std::optional<std::string> moved_category_path(std::string_view path, std::string_view from, std::string_view to);
// `path` with its last level replaced by `name` ("a/b", "c" -> "a/c").
std::string renamed_category_path(std::string_view path, std::string_view name);

}  // namespace hotline::core
