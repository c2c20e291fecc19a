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
  // Adds one category (its levels and `retired`). Errors: conflict when one with the same levels exists.
  [[nodiscard]] virtual Result<void> add_category(const Category& category) = 0;
  // Renames the last level of the node `path` ("一级[/二级[/三级]]") to `name` in every category at
  // or below it, all or nothing. Errors: invalid_argument ("path") for a malformed path;
  // not_found when no category lies at or below `path`; conflict when a category already lies at
  // or below the renamed path.
  [[nodiscard]] virtual Result<void> rename_category(const std::string& path, const std::string& name) = 0;
  // Sets `retired` on every category at or below the node `path`. Errors: invalid_argument
  // ("path"); not_found when no category lies at or below it.
  [[nodiscard]] virtual Result<void> set_category_retired(const std::string& path, bool retired) = 0;

  [[nodiscard]] virtual Result<std::vector<CalendarDay>> list_calendar_days() = 0;
  // Inserts or replaces special days by date, all or nothing.
  [[nodiscard]] virtual Result<void> upsert_calendar_days(const std::vector<CalendarDay>& days) = 0;
  // Makes `date` an ordinary day again (the weekday rule applies). Errors: not_found when it is no special day.
  [[nodiscard]] virtual Result<void> remove_calendar_day(Date date) = 0;
};

}  // namespace hotline::core
