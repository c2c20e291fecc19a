#pragma once
// `InMemoryReferenceRepository`: units, categories and calendar days in process memory, for tests
// and demos. Lists come back ordered by unit id, by category levels and by date (the same order as
// every other backend). Thread-safe: every method locks `mutex_`.

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/reference_repository.hpp"

namespace hotline::storage::memory {

class InMemoryReferenceRepository final : public core::ReferenceRepository {
 public:
  InMemoryReferenceRepository() = default;

  // core::ReferenceRepository
  [[nodiscard]] core::Result<std::vector<core::Unit>> list_units() override;
  [[nodiscard]] core::Result<void> upsert_units(const std::vector<core::Unit>& units) override;
  [[nodiscard]] core::Result<std::vector<core::Category>> list_categories() override;
  [[nodiscard]] core::Result<void> add_categories(const std::vector<core::Category>& categories) override;
  [[nodiscard]] core::Result<void> add_category(const core::Category& category) override;
  [[nodiscard]] core::Result<void> rename_category(const std::string& path, const std::string& name) override;
  [[nodiscard]] core::Result<void> set_category_retired(const std::string& path, bool retired) override;
  [[nodiscard]] core::Result<std::vector<core::CalendarDay>> list_calendar_days() override;
  [[nodiscard]] core::Result<void> upsert_calendar_days(const std::vector<core::CalendarDay>& days) override;
  [[nodiscard]] core::Result<void> remove_calendar_day(core::Date date) override;

 private:
  std::mutex mutex_;  // guards units_, categories_ and days_
  std::map<core::UnitId, core::Unit> units_;
  std::map<std::string, core::Category> categories_;  // key: the three levels joined by '\0'
  std::map<std::string, core::CalendarDay> days_;     // key: "YYYY-MM-DD"
};

}  // namespace hotline::storage::memory
