#include "storage/memory/reference_repository.hpp"

namespace hotline::storage::memory {
namespace {

std::string category_key(const core::Category& category) {
  return category.level1 + '\0' + category.level2 + '\0' + category.level3;
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

}  // namespace hotline::storage::memory
