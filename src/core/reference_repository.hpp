#pragma once
// Port: reference data that changes rarely and is edited by admins: the unit tree, the category
// taxonomy and the working-day calendar. Synchronous, thread-safe, durable on success.

#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/category_taxonomy.hpp"
#include "core/result.hpp"
#include "core/unit.hpp"

namespace hotline::core {

class ReferenceRepository {
 public:
  virtual ~ReferenceRepository() = default;

  [[nodiscard]] virtual Result<std::vector<Unit>> list_units() = 0;
  // Inserts or replaces units by id, all or nothing.
  [[nodiscard]] virtual Result<void> upsert_units(const std::vector<Unit>& units) = 0;

  [[nodiscard]] virtual Result<std::vector<Category>> list_categories() = 0;
  // Adds categories not yet present (by path), all or nothing.
  [[nodiscard]] virtual Result<void> add_categories(const std::vector<Category>& categories) = 0;

  [[nodiscard]] virtual Result<std::vector<CalendarDay>> list_calendar_days() = 0;
  // Inserts or replaces special days by date, all or nothing.
  [[nodiscard]] virtual Result<void> upsert_calendar_days(const std::vector<CalendarDay>& days) = 0;
};

}  // namespace hotline::core
