#include "storage/memory/reference_repository.hpp"

namespace hotline::storage::memory {
namespace {

std::string category_key(const core::Category& category) {
  return category.level1 + '\0' + category.level2 + '\0' + category.level3;
}

// Whether `category` lies at or below the node whose levels are `node` (its first `depth` levels).
bool within(const core::Category& category, const core::Category& node, std::size_t depth) {
  if (category.level1 != node.level1) return false;
  if (depth >= 2 && category.level2 != node.level2) return false;
  if (depth >= 3 && category.level3 != node.level3) return false;
  return true;
}

std::string& level(core::Category& category, std::size_t depth) {
  return depth == 1 ? category.level1 : depth == 2 ? category.level2 : category.level3;
}

}  // namespace

core::Result<std::vector<core::Unit>> InMemoryReferenceRepository::list_units() {
  std::lock_guard lock(mutex_);
  std::vector<core::Unit> out;
  out.reserve(units_.size());
  for (const auto& [id, unit] : units_) out.push_back(unit);
  return out;
}

core::Result<void> InMemoryReferenceRepository::upsert_units(const std::vector<core::Unit>& units) {
  std::lock_guard lock(mutex_);
  for (const auto& unit : units) units_[unit.id] = unit;
  return {};
}

core::Result<std::vector<core::Category>> InMemoryReferenceRepository::list_categories() {
  std::lock_guard lock(mutex_);
  std::vector<core::Category> out;
  out.reserve(categories_.size());
  for (const auto& [key, category] : categories_) out.push_back(category);
  return out;
}

core::Result<void> InMemoryReferenceRepository::add_categories(const std::vector<core::Category>& categories) {
  std::lock_guard lock(mutex_);
  for (const auto& category : categories) categories_.emplace(category_key(category), category);
  return {};
}

core::Result<void> InMemoryReferenceRepository::add_category(const core::Category& category) {
  std::lock_guard lock(mutex_);
  if (!categories_.emplace(category_key(category), category).second)
    return core::fail(core::ErrorCode::conflict, "category exists: " + category.path(), "path");
  return {};
}

core::Result<void> InMemoryReferenceRepository::rename_category(const std::string& path, const std::string& name) {
  auto node = core::parse_category_path(path, "path");
  if (!node) return node.error();
  const auto depth = core::category_depth(path);
  core::Category target = *node;
  level(target, depth) = name;
  std::lock_guard lock(mutex_);
  std::vector<core::Category> moved;
  for (const auto& [key, category] : categories_) {
    if (within(category, target, depth))
      return core::fail(core::ErrorCode::conflict, "category exists: " + target.path(), "name");
    if (within(category, *node, depth)) moved.push_back(category);
  }
  if (moved.empty()) return core::fail(core::ErrorCode::not_found, "unknown category: " + path, "path");
  for (auto& category : moved) {
    categories_.erase(category_key(category));
    level(category, depth) = name;
    categories_.emplace(category_key(category), category);
  }
  return {};
}

core::Result<void> InMemoryReferenceRepository::set_category_retired(const std::string& path, bool retired) {
  auto node = core::parse_category_path(path, "path");
  if (!node) return node.error();
  const auto depth = core::category_depth(path);
  std::lock_guard lock(mutex_);
  bool found = false;
  for (auto& [key, category] : categories_) {
    if (!within(category, *node, depth)) continue;
    category.retired = retired;
    found = true;
  }
  if (!found) return core::fail(core::ErrorCode::not_found, "unknown category: " + path, "path");
  return {};
}

core::Result<std::vector<core::CalendarDay>> InMemoryReferenceRepository::list_calendar_days() {
  std::lock_guard lock(mutex_);
  std::vector<core::CalendarDay> out;
  out.reserve(days_.size());
  for (const auto& [date, day] : days_) out.push_back(day);
  return out;
}

core::Result<void> InMemoryReferenceRepository::upsert_calendar_days(const std::vector<core::CalendarDay>& days) {
  for (const auto& day : days) {
    if (!day.date.ok()) return core::fail(core::ErrorCode::invalid_argument, "invalid calendar date", "date");
  }
  std::lock_guard lock(mutex_);
  for (const auto& day : days) days_[core::format_date(day.date)] = day;
  return {};
}

core::Result<void> InMemoryReferenceRepository::remove_calendar_day(core::Date date) {
  std::lock_guard lock(mutex_);
  if (days_.erase(core::format_date(date)) == 0)
    return core::fail(core::ErrorCode::not_found, "not a special day: " + core::format_date(date), "date");
  return {};
}

}  // namespace hotline::storage::memory
