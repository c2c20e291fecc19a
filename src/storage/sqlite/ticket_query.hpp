#pragma once
// Turns a `core::TicketQuery` into SQL for `SqliteTicketRepository::list`. Pure: builds text from
// fixed fragments and collects the user's values as bound arguments, so nothing a user types ever
// becomes SQL.
//
// How a query finds its rows without scanning 1 M tickets (the list order is `id DESC`, and every
// index ends in `id`, so a walk stops after `limit + 1` hits):
//   - text_contains  -> drive from `ticket_fts` (bigram phrase, rowid DESC), confirm with instr();
//   - units          -> one statement per unit, driving from `ticket_units(unit_id, ticket_id)`;
//   - several states -> one statement per state, each walking `tickets_by_state(state, id)`;
//   - overdue=true  -> the partial index `tickets_open_by_id` (open tickets only, by id);
//   - a created_at range the caller found small (`small_created_range`, at most
//     `kSmallCreatedRange` rows) -> `tickets_by_created`, then a sort of those few rows;
//   - a large created_at range and no other filter -> the page's ids from an index-only walk of
//     `tickets_by_created` with a top-N sort (cost grows with the range: ~ms per 100 k rows);
//   - otherwise one statement; SQLite walks the index of an equality filter (`tickets_by_state`,
//     `tickets_by_type`, `tickets_by_district`) or the rowid. So a large created_at range walks the
//     rowid from the cursor down when combined with other filters: fast for recent ranges (ids
//     grow with time), slow for a large range far in the past (known limit, see docs/benchmarks.md).
//   - sort=deadline -> one statement ordered by (deadline, id), walking `tickets_by_deadline`
//     from the cursor unless an equality filter's index is more selective (then a sort of its rows);
//   - a category prefix the caller found small (`small_category_range`, at most
//     `kSmallCategoryRange` rows: the path and every path below it are one range of
//     `tickets_by_category`) -> that range, then a sort of those few rows; a large one walks the
//     rowid from the cursor down, where its many matches are soon found;
//   - urgency, channel, street, caller phone -> their indexes, walked in id order like the others.
// The caller merges the statements' rows by id (newest first, without duplicates) and keeps
// `limit + 1`. `ticket_query_test.cpp` checks the plans with EXPLAIN QUERY PLAN.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/ticket_repository.hpp"

namespace hotline::storage::sqlite {

using SqlArgument = std::variant<std::int64_t, std::string>;

struct ListStatement {
  std::string sql;  // selects `kTicketColumns` of `t`, newest first, at most limit + 1 rows
  std::vector<SqlArgument> arguments;
};

inline constexpr std::int64_t kSmallCreatedRange = 10'000;

// Counts (up to kSmallCreatedRange + 1) the tickets in the query's created_at range; nullopt when
// the query has no `created_to` (an open range reaches the newest tickets, which the rowid walk
// finds at once).
std::optional<ListStatement> created_range_probe(const core::TicketQuery& query);

inline constexpr std::int64_t kSmallCategoryRange = 10'000;

// Counts (up to kSmallCategoryRange + 1) the tickets of the query's category prefix; nullopt
// without one.
std::optional<ListStatement> category_range_probe(const core::TicketQuery& query);

// Expects a validated query (limit 1..500). `small_created_range` / `small_category_range`: the
// probes counted at most kSmallCreatedRange / kSmallCategoryRange rows.
std::vector<ListStatement> plan_list(const core::TicketQuery& query, bool small_created_range = false,
                                     bool small_category_range = false);

}  // namespace hotline::storage::sqlite
