-- The monthly aggregation behind the eight KPIs, in plain SQL over the stored raw records, for
-- comparison with `hotline report kpi` (counters) and `--recompute` (raw records through the
-- same C++ rules). Months in China time (UTC+8). Run: sqlite3 -readonly DB < monthly_aggregation.sql
.timer on
SELECT strftime('%Y%m', offered_at + 28800, 'unixepoch') AS month, count(*), count(answer_seconds)
  FROM kpi_calls GROUP BY month;
SELECT strftime('%Y%m', asked_at + 28800, 'unixepoch') AS month, count(*), sum(answer_seconds <= 180)
  FROM kpi_dialogues GROUP BY month;
SELECT strftime('%Y%m', registered_at + 28800, 'unixepoch') AS month, count(*), count(dispatched_at)
  FROM kpi_tickets WHERE type = 0 GROUP BY month;
SELECT strftime('%Y%m', dispatched_at + 28800, 'unixepoch') AS month, count(*),
       sum(dispatched_at - registered_at <= 7200)
  FROM kpi_tickets WHERE dispatched_at IS NOT NULL GROUP BY month;
SELECT strftime('%Y%m', dispatched_at + 28800, 'unixepoch') AS month, count(*), sum(wrong)
  FROM kpi_dispatches GROUP BY month;
SELECT strftime('%Y%m', rated_at + 28800, 'unixepoch') AS month, level, count(*)
  FROM kpi_intake_ratings GROUP BY month, level;
SELECT strftime('%Y%m', r.rated_at + 28800, 'unixepoch') AS month, count(*),
       sum(EXISTS (SELECT 1 FROM kpi_callbacks c WHERE c.ticket = r.ticket AND c.in_time = 1))
  FROM kpi_result_ratings r
  WHERE r.rowid IN (SELECT min(rowid) FROM kpi_result_ratings WHERE level = 3 GROUP BY ticket)
  GROUP BY month;
