#include "storage/sqlite/settings_repository.hpp"

#include "storage/sqlite/settings_codec.hpp"

namespace hotline::storage::sqlite {

std::optional<std::string> read_setting(Connection& db, const std::string& key) {
  auto select = db.statement("SELECT value FROM settings WHERE key = ?");
  select->bind(1, key);
  if (!select->step()) return std::nullopt;
  return select->column_text(0);
}

void write_setting(Connection& db, const std::string& key, const std::string& value) {
  auto upsert = db.statement(
      "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, unixepoch()) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
  upsert->bind(1, key);
  upsert->bind(2, value);
  upsert->run();
}

SqliteSettingsRepository::SqliteSettingsRepository(GroupCommitWriter& writer, ReadPool& readers)
    : writer_(writer), readers_(readers) {}

core::Result<std::optional<core::DeadlinePolicy>> SqliteSettingsRepository::deadline_policy() {
  try {
    auto db = readers_.acquire();
    auto text = read_setting(*db, "deadlines");
    if (!text) return std::optional<core::DeadlinePolicy>{};
    return std::optional<core::DeadlinePolicy>{decode_deadline_policy(*text)};
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteSettingsRepository::put_deadline_policy(const core::DeadlinePolicy& policy) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    write_setting(db, "deadlines", encode_deadline_policy(policy));
    return {};
  });
}

}  // namespace hotline::storage::sqlite
