#pragma once
// Reference data in memory: the unit tree, categories and working-day calendar, loaded from a
// `ReferenceRepository` and replaced as a whole snapshot on edits. Thread-safe: readers take a
// shared_ptr snapshot, writers serialise on `mutex_`.

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/audit_repository.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/category_taxonomy.hpp"
#include "core/reference_repository.hpp"
#include "core/result.hpp"
#include "core/ticket_event.hpp"
#include "core/unit.hpp"

namespace hotline::core {

struct ReferenceSnapshot {
  UnitTree units;
  WorkCalendar calendar;
  CategoryTaxonomy taxonomy;  // the categories a ticket may have
};

class ReferenceService {
 public:
  explicit ReferenceService(ReferenceRepository& repo);

  // Reads everything from the repository. Errors from the repository pass through.
  [[nodiscard]] Result<void> reload();
  std::shared_ptr<const ReferenceSnapshot> snapshot() const;

  // Validates and stores one unit (new or changed), then refreshes the snapshot. Admins only.
  // Errors: forbidden, invalid_argument naming the field, the repository's.
  [[nodiscard]] Result<Unit> save_unit(const Actor& actor, const Unit& unit);
  // Stores special calendar days, then refreshes the snapshot. Admins only.
  [[nodiscard]] Result<void> save_calendar_days(const Actor& actor, const std::vector<CalendarDay>& days);
  // Makes a special day an ordinary one again (the weekday rule applies). Admins only.
  // Errors: forbidden; not_found ("date") when `date` is no special day; the repository's.
  [[nodiscard]] Result<void> reset_calendar_day(const Actor& actor, Date date);
  // The same without a role check, for the composition root (seeding, tests).
  [[nodiscard]] Result<Unit> save_unit(const Unit& unit);

  // Category edits, admins only (see category_taxonomy.hpp for what retiring and renaming mean).
  // Adds the category `name` under `parent` ("" for a first level). Errors: forbidden;
  // invalid_argument on "name" (`check_category_name`) or "parent" (unknown, retired, or already
  // three levels deep); conflict when the path exists; the repository's.
  [[nodiscard]] Result<Category> add_category(const Actor& actor, const std::string& parent, const std::string& name);
  // Renames the last level of the node `path`; every category under it moves. Returns the new
  // path. Errors: forbidden; invalid_argument on "path" / "name"; not_found; conflict when the
  // new path exists. Dispatch rules are moved by `DispatchService::rename_category`.
  [[nodiscard]] Result<std::string> rename_category(const Actor& actor, const std::string& path,
                                                    const std::string& name);
  // Retires (or restores) the node `path` and everything under it. Errors: forbidden;
  // invalid_argument on "path"; not_found; the repository's.
  [[nodiscard]] Result<void> retire_category(const Actor& actor, const std::string& path, bool retired);
  // Bulk load for the composition root (seeding, `hotline units`): stores the units (new or
  // changed), categories and special calendar days given, then refreshes the snapshot once.
  // Errors: the repository's; what was stored before an error stays stored.
  [[nodiscard]] Result<void> import(const std::vector<Unit>& units, const std::vector<Category>& categories,
                                    const std::vector<CalendarDay>& calendar_days);

  // Called with the new snapshot after every successful `reload` (so after every edit), outside
  // the lock, for what derives from reference data (the city whose places are read from text).
  // Set once by the composition root before concurrent use; may run on any writer's thread.
  void on_reload(std::function<void(const ReferenceSnapshot&)> listener) { listener_ = std::move(listener); }
  // Where the admin edits (`save_unit`, `save_calendar_days` with an actor, `reset_calendar_day`
  // and the category edits) append their audit entry ("unit_saved" on "unit:ID",
  // "calendar_days_saved" / "calendar_day_reset" on "calendar:YEAR", "category_added",
  // "category_renamed", "category_retired" / "category_restored" on "category:PATH" (the path
  // before the change), before/after JSON). Set once by the composition root before concurrent use; an edit is stored first, then
  // audited, and the audit's error is returned.
  void audit_changes(AuditRepository& audit, const Clock& clock) {
    audit_ = &audit;
    clock_ = &clock;
  }

 private:
  ReferenceRepository& repo_;
  mutable std::mutex mutex_;  // guards snapshot_ and serialises writers
  std::mutex edit_mutex_;     // serialises the category edits (check, store, reload)
  std::shared_ptr<const ReferenceSnapshot> snapshot_;
  std::function<void(const ReferenceSnapshot&)> listener_;
  [[nodiscard]] Result<void> audit(const Actor& actor, const std::string& action, const std::string& subject,
                                   const std::string& before, const std::string& after);

  AuditRepository* audit_ = nullptr;
  const Clock* clock_ = nullptr;
};

}  // namespace hotline::core
