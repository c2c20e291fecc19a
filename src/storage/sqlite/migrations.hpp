#pragma once
// The schema, as an ordered list of migrations: migration i (0-based) takes the database to schema
// version i + 1. Append new migrations; never edit one that has shipped.

#include <string_view>
#include <vector>

namespace hotline::storage::sqlite {

const std::vector<std::string_view>& migrations();
// The schema version this program writes: `migrations().size()`.
int latest_schema_version();

// The exact SQL condition of "open for handling" (core::is_open_for_handling) used by the partial
// index `tickets_open_by_id`; the list query must repeat it verbatim for SQLite to use that index.
std::string_view open_for_handling_condition();

}  // namespace hotline::storage::sqlite
