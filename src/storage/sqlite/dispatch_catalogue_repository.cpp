#include "storage/sqlite/dispatch_catalogue_repository.hpp"

#include "storage/sqlite/ticket_rows.hpp"

namespace hotline::storage::sqlite {
namespace {

void upsert_row(Connection& db, const core::DispatchRule& rule) {
  auto upsert = db.statement(
      "INSERT INTO dispatch_rules (id, category, district, street, lead_unit, co_units, place_co_handles, note) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET category = excluded.category, "
      "district = excluded.district, street = excluded.street, lead_unit = excluded.lead_unit, "
      "co_units = excluded.co_units, place_co_handles = excluded.place_co_handles, note = excluded.note");
  upsert->bind(1, rule.id);
  upsert->bind(2, rule.category);
  upsert->bind(3, rule.district);
  upsert->bind(4, rule.street);
  upsert->bind(5, rule.lead_unit);
  upsert->bind(6, encode_units(rule.co_units));
  upsert->bind(7, rule.place_co_handles);
  upsert->bind(8, rule.note);
  upsert->run();
}

}  // namespace

SqliteDispatchCatalogueRepository::SqliteDispatchCatalogueRepository(GroupCommitWriter& writer, ReadPool& readers)
    : writer_(writer), readers_(readers) {}

core::Result<std::vector<core::DispatchRule>> SqliteDispatchCatalogueRepository::list() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(
        "SELECT id, category, district, street, lead_unit, co_units, place_co_handles, note FROM dispatch_rules "
        "ORDER BY id");
    std::vector<core::DispatchRule> out;
    while (select->step()) {
      core::DispatchRule rule;
      rule.id = select->column_text(0);
      rule.category = select->column_text(1);
      rule.district = select->column_text(2);
      rule.street = select->column_text(3);
      rule.lead_unit = select->column_text(4);
      rule.co_units = decode_units(select->column_text(5));
      rule.place_co_handles = select->column_int64(6) != 0;
      rule.note = select->column_text(7);
      out.push_back(std::move(rule));
    }
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteDispatchCatalogueRepository::upsert(const core::DispatchRule& rule) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    upsert_row(db, rule);
    return {};
  });
}

core::Result<void> SqliteDispatchCatalogueRepository::upsert_all(const std::vector<core::DispatchRule>& rules) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    for (const auto& rule : rules) upsert_row(db, rule);
    return {};
  });
}

core::Result<void> SqliteDispatchCatalogueRepository::remove(const std::string& id) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto erase = db.statement("DELETE FROM dispatch_rules WHERE id = ?");
    erase->bind(1, id);
    erase->run();
    if (db.changes() == 0) return core::fail(core::ErrorCode::not_found, "no dispatch rule " + id);
    return {};
  });
}

}  // namespace hotline::storage::sqlite
