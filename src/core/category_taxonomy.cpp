#include "core/category_taxonomy.hpp"

namespace hotline::core {
namespace {

void insert_with_upper_levels(std::set<std::string, std::less<>>& paths, const Category& category) {
  if (category.level1.empty()) return;
  std::string path = category.level1;
  paths.insert(path);
  if (category.level2.empty()) return;
  path += "/" + category.level2;
  paths.insert(path);
  if (category.level3.empty()) return;
  paths.insert(path + "/" + category.level3);
}

std::size_t utf8_chars(std::string_view text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace

std::string Category::path() const {
  std::string out = level1;
  if (!level2.empty()) out += "/" + level2;
  if (!level3.empty()) out += "/" + level3;
  return out;
}

CategoryTaxonomy::CategoryTaxonomy(std::vector<Category> categories) : categories_(std::move(categories)) {
  for (const auto& category : categories_) {
    insert_with_upper_levels(paths_, category);
    if (!category.retired) insert_with_upper_levels(active_, category);
  }
}

bool CategoryTaxonomy::contains(std::string_view path) const {
  return paths_.find(path) != paths_.end();
}

bool CategoryTaxonomy::is_active(std::string_view path) const {
  return active_.find(path) != active_.end();
}

Result<void> check_category(const CategoryTaxonomy& taxonomy, std::string_view category, const std::string& field) {
  if (category.empty() || taxonomy.is_active(category)) return {};
  if (taxonomy.contains(category))
    return fail(ErrorCode::invalid_argument,
                "retired category: " + std::string(category) + " (no longer offered; pick another)", field);
  return fail(ErrorCode::invalid_argument, "unknown category: " + std::string(category) + " (see /api/v1/categories)",
              field);
}

Result<Category> parse_category_path(std::string_view path, const std::string& field) {
  std::vector<std::string> levels;
  std::size_t start = 0;
  for (;;) {
    const auto slash = path.find('/', start);
    const auto level = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (level.empty()) return fail(ErrorCode::invalid_argument, "category path has an empty level", field);
    levels.emplace_back(level);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (levels.size() > 3) return fail(ErrorCode::invalid_argument, "category path has more than three levels", field);
  levels.resize(3);
  return Category{levels[0], levels[1], levels[2]};
}

std::size_t category_depth(std::string_view path) {
  if (path.empty()) return 0;
  std::size_t depth = 1;
  for (char c : path)
    if (c == '/') ++depth;
  return depth;
}

Result<std::string> check_category_name(std::string_view name, const std::string& field) {
  const auto first = name.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return fail(ErrorCode::invalid_argument, "name is required", field);
  const auto last = name.find_last_not_of(" \t\r\n");
  std::string trimmed(name.substr(first, last - first + 1));
  if (trimmed.find('/') != std::string::npos) return fail(ErrorCode::invalid_argument, "name must not hold '/'", field);
  if (utf8_chars(trimmed) > kMaxCategoryNameChars)
    return fail(ErrorCode::invalid_argument, "name is longer than 40 characters", field);
  return trimmed;
}

std::optional<std::string> moved_category_path(std::string_view path, std::string_view from, std::string_view to) {
  if (path == from) return std::string(to);
  if (path.size() > from.size() && path.substr(0, from.size()) == from && path[from.size()] == '/')
    return std::string(to) + std::string(path.substr(from.size()));
  return std::nullopt;
}

std::string renamed_category_path(std::string_view path, std::string_view name) {
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return std::string(name);
  return std::string(path.substr(0, slash + 1)) + std::string(name);
}

}  // namespace hotline::core
