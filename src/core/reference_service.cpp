#include "core/reference_service.hpp"

#include "core/access.hpp"
#include "core/change_audit.hpp"

#include <algorithm>
#include <map>

namespace hotline::core {

ReferenceService::ReferenceService(ReferenceRepository& repo)
    : repo_(repo), snapshot_(std::make_shared<ReferenceSnapshot>()) {}

Result<void> ReferenceService::reload() {
  auto units = repo_.list_units();
  if (!units) return units.error();
  auto days = repo_.list_calendar_days();
  if (!days) return days.error();
  auto categories = repo_.list_categories();
  if (!categories) return categories.error();
  auto next = std::make_shared<ReferenceSnapshot>();
  next->units = UnitTree(std::move(*units));
  next->calendar = WorkCalendar(*days);
  next->taxonomy = CategoryTaxonomy(std::move(*categories));
  {
    std::lock_guard lock(mutex_);
    snapshot_ = next;
  }
  if (listener_) listener_(*next);
  return {};
}

std::shared_ptr<const ReferenceSnapshot> ReferenceService::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

Result<Unit> ReferenceService::save_unit(const Actor& actor, const Unit& unit) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  const auto current = snapshot();
  const Unit* previous = current->units.find(unit.id);
  const std::string before = previous != nullptr ? unit_json(*previous) : "";
  auto saved = save_unit(unit);
  if (!saved) return saved.error();
  if (audit_ != nullptr && clock_ != nullptr) {
    auto logged = record_change(*audit_, *clock_, actor, "unit_saved", "unit:" + unit.id, before, unit_json(*saved));
    if (!logged) return logged.error();
  }
  return saved;
}

Result<Unit> ReferenceService::save_unit(const Unit& unit) {
  auto current = snapshot();
  auto valid = validate_unit(unit, current->units);
  if (!valid) return valid.error();
  auto stored = repo_.upsert_units({unit});
  if (!stored) return stored.error();
  auto reloaded = reload();
  if (!reloaded) return reloaded.error();
  return unit;
}

Result<void> ReferenceService::save_calendar_days(const Actor& actor, const std::vector<CalendarDay>& days) {
  if (auto allowed = require_admin(actor); !allowed) return allowed;
  auto existing = repo_.list_calendar_days();
  if (!existing) return existing.error();
  auto stored = repo_.upsert_calendar_days(days);
  if (!stored) return stored.error();
  if (auto reloaded = reload(); !reloaded) return reloaded;
  if (audit_ == nullptr || clock_ == nullptr) return {};
  // One entry per year touched: the special days given for that year, before and after.
  std::map<int, std::vector<CalendarDay>> by_year;
  for (const auto& day : days) by_year[static_cast<int>(day.date.year())].push_back(day);
  for (const auto& [year, given] : by_year) {
    std::vector<CalendarDay> before;
    for (const auto& day : given)
      for (const auto& old : *existing)
        if (old.date == day.date) before.push_back(old);
    auto logged = record_change(*audit_, *clock_, actor, "calendar_days_saved", "calendar:" + std::to_string(year),
                                before.empty() ? "" : calendar_days_json(before), calendar_days_json(given));
    if (!logged) return logged;
  }
  return {};
}

Result<void> ReferenceService::reset_calendar_day(const Actor& actor, Date date) {
  if (auto allowed = require_admin(actor); !allowed) return allowed;
  auto existing = repo_.list_calendar_days();
  if (!existing) return existing.error();
  auto old = std::find_if(existing->begin(), existing->end(), [&](const CalendarDay& day) { return day.date == date; });
  if (old == existing->end())
    return fail(ErrorCode::not_found, "not a special day: " + format_date(date), "date");
  if (auto removed = repo_.remove_calendar_day(date); !removed) return removed;
  if (auto reloaded = reload(); !reloaded) return reloaded;
  return audit(actor, "calendar_day_reset", "calendar:" + std::to_string(static_cast<int>(date.year())),
               calendar_days_json({*old}), "");
}

Result<Category> ReferenceService::add_category(const Actor& actor, const std::string& parent,
                                                const std::string& name) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  std::lock_guard writer(edit_mutex_);
  auto level = check_category_name(name, "name");
  if (!level) return level.error();
  const auto current = snapshot();
  Category category;
  if (!parent.empty()) {
    auto upper = parse_category_path(parent, "parent");
    if (!upper) return upper.error();
    if (!current->taxonomy.contains(parent))
      return fail(ErrorCode::invalid_argument, "unknown category: " + parent, "parent");
    if (current->taxonomy.is_retired(parent))
      return fail(ErrorCode::invalid_argument, "retired category: " + parent + " (restore it first)", "parent");
    if (category_depth(parent) >= 3)
      return fail(ErrorCode::invalid_argument, "categories have at most three levels", "parent");
    category = *upper;
  }
  const auto depth = category_depth(parent) + 1;
  (depth == 1 ? category.level1 : depth == 2 ? category.level2 : category.level3) = *level;
  const std::string path = category.path();
  if (current->taxonomy.contains(path)) return fail(ErrorCode::conflict, "category exists: " + path, "name");
  if (auto stored = repo_.add_category(category); !stored) return stored.error();
  if (auto reloaded = reload(); !reloaded) return reloaded.error();
  if (auto logged = audit(actor, "category_added", "category:" + path, "", category_node_json(path, false)); !logged)
    return logged.error();
  return category;
}

Result<std::string> ReferenceService::rename_category(const Actor& actor, const std::string& path,
                                                      const std::string& name) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  std::lock_guard writer(edit_mutex_);
  if (auto valid = parse_category_path(path, "path"); !valid) return valid.error();
  auto level = check_category_name(name, "name");
  if (!level) return level.error();
  const auto current = snapshot();
  if (!current->taxonomy.contains(path)) return fail(ErrorCode::not_found, "unknown category: " + path, "path");
  const std::string renamed = renamed_category_path(path, *level);
  if (current->taxonomy.contains(renamed)) return fail(ErrorCode::conflict, "category exists: " + renamed, "name");
  const bool retired = current->taxonomy.is_retired(path);
  if (auto stored = repo_.rename_category(path, *level); !stored) return stored.error();
  if (auto reloaded = reload(); !reloaded) return reloaded.error();
  if (auto logged = audit(actor, "category_renamed", "category:" + path, category_node_json(path, retired),
                          category_node_json(renamed, retired));
      !logged)
    return logged.error();
  return renamed;
}

Result<void> ReferenceService::retire_category(const Actor& actor, const std::string& path, bool retired) {
  if (auto allowed = require_admin(actor); !allowed) return allowed;
  std::lock_guard writer(edit_mutex_);
  if (auto valid = parse_category_path(path, "path"); !valid) return valid.error();
  const auto current = snapshot();
  if (!current->taxonomy.contains(path)) return fail(ErrorCode::not_found, "unknown category: " + path, "path");
  const bool was_retired = current->taxonomy.is_retired(path);
  if (auto stored = repo_.set_category_retired(path, retired); !stored) return stored;
  if (auto reloaded = reload(); !reloaded) return reloaded;
  return audit(actor, retired ? "category_retired" : "category_restored", "category:" + path,
               category_node_json(path, was_retired), category_node_json(path, retired));
}

Result<void> ReferenceService::audit(const Actor& actor, const std::string& action, const std::string& subject,
                                     const std::string& before, const std::string& after) {
  if (audit_ == nullptr || clock_ == nullptr) return {};
  return record_change(*audit_, *clock_, actor, action, subject, before, after);
}

Result<void> ReferenceService::import(const std::vector<Unit>& units, const std::vector<Category>& categories,
                                      const std::vector<CalendarDay>& calendar_days) {
  if (!units.empty())
    if (auto stored = repo_.upsert_units(units); !stored) return stored;
  if (!categories.empty())
    if (auto stored = repo_.add_categories(categories); !stored) return stored;
  if (!calendar_days.empty())
    if (auto stored = repo_.upsert_calendar_days(calendar_days); !stored) return stored;
  return reload();
}

}  // namespace hotline::core
