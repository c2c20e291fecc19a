#pragma once
// The KPI tables (schema version 3, listed in migrations.cpp): compact raw records, the monthly
// counters and the evaluation inputs. Kept beside the KPI repository that owns them.

#include <string_view>

namespace hotline::storage::sqlite {

// Times are epoch seconds; delays are seconds from the row's first time (NULL: never answered);
// enums are their position (see kpi_record_writer.hpp); names are ids into `kpi_labels` (0: none).
// Call and dialogue rows are append-only and unindexed so a year of them loads quickly.
inline constexpr std::string_view kKpiSchema = R"sql(
CREATE TABLE kpi_labels (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE
);
CREATE TABLE kpi_calls (
  offered_at INTEGER NOT NULL,
  answer_seconds INTEGER,
  end_seconds INTEGER NOT NULL,
  agent INTEGER NOT NULL,
  skill INTEGER NOT NULL,
  caller TEXT NOT NULL
);
CREATE TABLE kpi_dialogues (
  asked_at INTEGER NOT NULL,
  answer_seconds INTEGER,
  channel INTEGER NOT NULL,
  session TEXT NOT NULL
);
CREATE TABLE kpi_tickets (
  ticket INTEGER PRIMARY KEY,
  type INTEGER NOT NULL,
  channel INTEGER NOT NULL,
  registered_at INTEGER NOT NULL,
  resolved_at_intake INTEGER NOT NULL,
  dispatched_at INTEGER
);
CREATE TABLE kpi_dispatches (
  ticket INTEGER NOT NULL,
  dispatched_at INTEGER NOT NULL,
  unit INTEGER NOT NULL,
  wrong INTEGER NOT NULL
);
CREATE INDEX kpi_dispatches_by_ticket ON kpi_dispatches(ticket);
CREATE TABLE kpi_intake_ratings (
  ticket INTEGER NOT NULL,
  rated_at INTEGER NOT NULL,
  level INTEGER NOT NULL
);
CREATE TABLE kpi_result_ratings (
  ticket INTEGER NOT NULL,
  rated_at INTEGER NOT NULL,
  level INTEGER NOT NULL
);
CREATE INDEX kpi_result_ratings_by_ticket ON kpi_result_ratings(ticket, level);
CREATE TABLE kpi_callbacks (
  ticket INTEGER NOT NULL,
  done_at INTEGER NOT NULL,
  in_time INTEGER NOT NULL
);
CREATE INDEX kpi_callbacks_by_ticket ON kpi_callbacks(ticket);
CREATE TABLE kpi_platform (
  from_at INTEGER NOT NULL,
  to_at INTEGER NOT NULL,
  normal INTEGER NOT NULL
);
CREATE TABLE kpi_counters (
  month INTEGER NOT NULL,
  counter TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (month, counter)
) WITHOUT ROWID;
CREATE TABLE kpi_evaluations (
  year INTEGER PRIMARY KEY,
  budget_initial REAL NOT NULL,
  budget_final REAL NOT NULL
);
CREATE TABLE kpi_management_items (
  year INTEGER NOT NULL,
  position INTEGER NOT NULL,
  grp TEXT NOT NULL,
  name TEXT NOT NULL,
  points REAL NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (year, position)
) WITHOUT ROWID;
)sql";

}  // namespace hotline::storage::sqlite
