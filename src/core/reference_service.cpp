#include "core/reference_service.hpp"

#include "core/access.hpp"
#include "core/change_audit.hpp"

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
