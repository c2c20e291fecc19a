#include "storage/sqlite/reference_repository.hpp"

#include <stdexcept>

namespace hotline::storage::sqlite {

SqliteReferenceRepository::SqliteReferenceRepository(GroupCommitWriter& writer, ReadPool& readers)
    : writer_(writer), readers_(readers) {}

core::Result<std::vector<core::Unit>> SqliteReferenceRepository::list_units() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT id, parent_id, kind, name, active FROM units ORDER BY id");
    std::vector<core::Unit> units;
    while (select->step()) {
      core::Unit unit;
      unit.id = select->column_text(0);
      unit.parent_id = select->column_text(1);
      auto kind = select->column_text(2);
      auto parsed = core::parse_unit_kind(kind);
      if (!parsed) throw std::runtime_error("corrupt row: unknown unit kind '" + kind + "'");
      unit.kind = *parsed;
      unit.name = select->column_text(3);
      unit.active = select->column_int64(4) != 0;
      units.push_back(std::move(unit));
    }
    return units;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteReferenceRepository::upsert_units(const std::vector<core::Unit>& units) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto upsert = db.statement(
        "INSERT INTO units (id, parent_id, kind, name, active) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, kind = excluded.kind, "
        "name = excluded.name, active = excluded.active");
    for (const auto& unit : units) {
      upsert->bind(1, unit.id);
      upsert->bind(2, unit.parent_id);
      upsert->bind(3, core::to_string(unit.kind));
      upsert->bind(4, unit.name);
      upsert->bind(5, unit.active);
      upsert->run();
      upsert->reset();
    }
    return {};
  });
}

core::Result<std::vector<core::Category>> SqliteReferenceRepository::list_categories() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT level1, level2, level3 FROM categories ORDER BY level1, level2, level3");
    std::vector<core::Category> categories;
    while (select->step())
      categories.push_back(core::Category{select->column_text(0), select->column_text(1), select->column_text(2)});
    return categories;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteReferenceRepository::add_categories(const std::vector<core::Category>& categories) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto insert = db.statement("INSERT OR IGNORE INTO categories (level1, level2, level3) VALUES (?, ?, ?)");
    for (const auto& category : categories) {
      insert->bind(1, category.level1);
      insert->bind(2, category.level2);
      insert->bind(3, category.level3);
      insert->run();
      insert->reset();
    }
    return {};
  });
}

core::Result<std::vector<core::CalendarDay>> SqliteReferenceRepository::list_calendar_days() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT date, off_day, name FROM calendar_days ORDER BY date");
    std::vector<core::CalendarDay> days;
    while (select->step()) {
      auto text = select->column_text(0);
      auto date = core::parse_date(text);
      if (!date) throw std::runtime_error("corrupt row: bad calendar date '" + text + "'");
      days.push_back(core::CalendarDay{*date, select->column_int64(1) != 0, select->column_text(2)});
    }
    return days;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteReferenceRepository::upsert_calendar_days(const std::vector<core::CalendarDay>& days) {
  for (const auto& day : days) {
    if (!day.date.ok()) return core::fail(core::ErrorCode::invalid_argument, "invalid calendar date", "date");
  }
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto upsert = db.statement(
        "INSERT INTO calendar_days (date, off_day, name) VALUES (?, ?, ?) "
        "ON CONFLICT (date) DO UPDATE SET off_day = excluded.off_day, name = excluded.name");
    for (const auto& day : days) {
      upsert->bind(1, core::format_date(day.date));
      upsert->bind(2, day.off_day);
      upsert->bind(3, day.name);
      upsert->run();
      upsert->reset();
    }
    return {};
  });
}

}  // namespace hotline::storage::sqlite
