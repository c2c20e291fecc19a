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
  // The same without a role check, for the composition root (seeding, tests).
  [[nodiscard]] Result<Unit> save_unit(const Unit& unit);
  // Bulk load for the composition root (seeding, `hotline units`): stores the units (new or
  // changed), categories and special calendar days given, then refreshes the snapshot once.
  // Errors: the repository's; what was stored before an error stays stored.
  [[nodiscard]] Result<void> import(const std::vector<Unit>& units, const std::vector<Category>& categories,
                                    const std::vector<CalendarDay>& calendar_days);

  // Called with the new snapshot after every successful `reload` (so after every edit), outside
  // the lock, for what derives from reference data (the city whose places are read from text).
  // Set once by the composition root before concurrent use; may run on any writer's thread.
  void on_reload(std::function<void(const ReferenceSnapshot&)> listener) { listener_ = std::move(listener); }
  // Where the admin edits (`save_unit`, `save_calendar_days` with an actor) append their audit
  // entry ("unit_saved" on "unit:ID", "calendar_days_saved" on "calendar:YEAR", before/after
  // JSON). Set once by the composition root before concurrent use; an edit is stored first, then
  // audited, and the audit's error is returned.
  void audit_changes(AuditRepository& audit, const Clock& clock) {
    audit_ = &audit;
    clock_ = &clock;
  }

 private:
  ReferenceRepository& repo_;
  mutable std::mutex mutex_;  // guards snapshot_ and serialises writers
  std::shared_ptr<const ReferenceSnapshot> snapshot_;
  std::function<void(const ReferenceSnapshot&)> listener_;
  AuditRepository* audit_ = nullptr;
  const Clock* clock_ = nullptr;
};

}  // namespace hotline::core
