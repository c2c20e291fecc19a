#include "storage/sqlite/reference_repository.hpp"

#include <stdexcept>

namespace hotline::storage::sqlite {
namespace {

// The condition selecting the categories at or below a node of `depth` levels, its levels bound
// from parameter `first` on. Constant text per depth, so the prepared statements are cached.
std::string_view node_condition(std::size_t depth) {
  if (depth == 1) return "level1 = ?";
  if (depth == 2) return "level1 = ? AND level2 = ?";
  return "level1 = ? AND level2 = ? AND level3 = ?";
}

void bind_node(Statement& statement, int first, const core::Category& node, std::size_t depth) {
  statement.bind(first, node.level1);
  if (depth >= 2) statement.bind(first + 1, node.level2);
  if (depth >= 3) statement.bind(first + 2, node.level3);
}

std::string& level(core::Category& category, std::size_t depth) {
  return depth == 1 ? category.level1 : depth == 2 ? category.level2 : category.level3;
}

bool any_within(Connection& db, const core::Category& node, std::size_t depth) {
  auto select = db.statement("SELECT EXISTS (SELECT 1 FROM categories WHERE " + std::string(node_condition(depth)) +
                             ")");
  bind_node(*select, 1, node, depth);
  return select->step() && select->column_int64(0) != 0;
}

}  // namespace

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
    auto select = db->statement("SELECT level1, level2, level3, retired FROM categories ORDER BY level1, level2, level3");
    std::vector<core::Category> categories;
    while (select->step())
      categories.push_back(core::Category{select->column_text(0), select->column_text(1), select->column_text(2),
                                          select->column_int64(3) != 0});
    return categories;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteReferenceRepository::add_categories(const std::vector<core::Category>& categories) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto insert = db.statement("INSERT OR IGNORE INTO categories (level1, level2, level3, retired) VALUES (?, ?, ?, ?)");
    for (const auto& category : categories) {
      insert->bind(1, category.level1);
      insert->bind(2, category.level2);
      insert->bind(3, category.level3);
      insert->bind(4, category.retired);
      insert->run();
      insert->reset();
    }
    return {};
  });
}

core::Result<void> SqliteReferenceRepository::add_category(const core::Category& category) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto insert = db.statement("INSERT INTO categories (level1, level2, level3, retired) VALUES (?, ?, ?, ?)");
    insert->bind(1, category.level1);
    insert->bind(2, category.level2);
    insert->bind(3, category.level3);
    insert->bind(4, category.retired);
    try {
      insert->run();
    } catch (const SqliteError& e) {
      if (!e.is_constraint()) throw;
      return core::fail(core::ErrorCode::conflict, "category exists: " + category.path(), "path");
    }
    return {};
  });
}

core::Result<void> SqliteReferenceRepository::rename_category(const std::string& path, const std::string& name) {
  auto node = core::parse_category_path(path, "path");
  if (!node) return node.error();
  const auto depth = core::category_depth(path);
  core::Category target = *node;
  level(target, depth) = name;
  return writer_.run([&](Connection& db) -> core::Result<void> {
    if (any_within(db, target, depth))
      return core::fail(core::ErrorCode::conflict, "category exists: " + target.path(), "name");
    const std::string column = depth == 1 ? "level1" : depth == 2 ? "level2" : "level3";
    auto update =
        db.statement("UPDATE categories SET " + column + " = ? WHERE " + std::string(node_condition(depth)));
    update->bind(1, name);
    bind_node(*update, 2, *node, depth);
    update->run();
    if (db.changes() == 0) return core::fail(core::ErrorCode::not_found, "unknown category: " + path, "path");
    return {};
  });
}

core::Result<void> SqliteReferenceRepository::set_category_retired(const std::string& path, bool retired) {
  auto node = core::parse_category_path(path, "path");
  if (!node) return node.error();
  const auto depth = core::category_depth(path);
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement("UPDATE categories SET retired = ? WHERE " + std::string(node_condition(depth)));
    update->bind(1, retired);
    bind_node(*update, 2, *node, depth);
    update->run();
    if (db.changes() == 0) return core::fail(core::ErrorCode::not_found, "unknown category: " + path, "path");
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

core::Result<void> SqliteReferenceRepository::remove_calendar_day(core::Date date) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto remove = db.statement("DELETE FROM calendar_days WHERE date = ?");
    remove->bind(1, core::format_date(date));
    remove->run();
    if (db.changes() == 0)
      return core::fail(core::ErrorCode::not_found, "not a special day: " + core::format_date(date), "date");
    return {};
  });
}

}  // namespace hotline::storage::sqlite
