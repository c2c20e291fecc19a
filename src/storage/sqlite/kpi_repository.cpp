#include "storage/sqlite/kpi_repository.hpp"

#include <map>
#include <optional>
#include <utility>

#include "storage/sqlite/kpi_record_writer.hpp"
#include "storage/sqlite/settings_codec.hpp"
#include "storage/sqlite/settings_repository.hpp"

namespace hotline::storage::sqlite {
namespace {

using core::from_epoch;

void add(std::map<core::YearMonth, core::MonthCounters>& months, const core::KpiDeltas& deltas) {
  for (const auto& [month, counters] : deltas.months()) {
    auto& entry = months[month];
    entry.month = month;
    entry += counters;
  }
}

// Every month's counters computed from the raw records with the same rules the incremental path
// uses (core/kpi_records.hpp). Runs on one read snapshot.
std::map<core::YearMonth, core::MonthCounters> recompute_all(Connection& db, const core::KpiConfig& config) {
  core::KpiDeltas deltas;
  {
    auto select = db.statement("SELECT offered_at, answer_seconds IS NOT NULL FROM kpi_calls");
    core::CallRecord call;
    while (select->step()) {
      call.offered_at = from_epoch(select->column_int64(0));
      call.answered_at = select->column_int64(1) ? std::optional(call.offered_at) : std::nullopt;
      core::count_record(call, config, deltas);
    }
  }
  {
    auto select = db.statement("SELECT asked_at, answer_seconds FROM kpi_dialogues");
    core::DialogueRecord dialogue;
    while (select->step()) {
      dialogue.asked_at = from_epoch(select->column_int64(0));
      dialogue.answered_at.reset();
      if (!select->is_null(1)) dialogue.answered_at = dialogue.asked_at + std::chrono::seconds{select->column_int64(1)};
      core::count_record(dialogue, config, deltas);
    }
  }
  {
    auto select = db.statement("SELECT type, registered_at, dispatched_at FROM kpi_tickets");
    core::TicketRecord ticket;
    while (select->step()) {
      ticket.type = static_cast<core::TicketType>(select->column_int64(0));
      ticket.registered_at = from_epoch(select->column_int64(1));
      ticket.dispatched_at.reset();
      if (!select->is_null(2)) ticket.dispatched_at = from_epoch(select->column_int64(2));
      core::count_record(ticket, config, deltas);
    }
  }
  {
    auto select = db.statement("SELECT dispatched_at, wrong FROM kpi_dispatches");
    core::DispatchRecord dispatch;
    while (select->step()) {
      dispatch.dispatched_at = from_epoch(select->column_int64(0));
      dispatch.wrong = select->column_int64(1) != 0;
      core::count_record(dispatch, deltas);
    }
  }
  {
    auto select = db.statement("SELECT rated_at, level FROM kpi_intake_ratings");
    core::IntakeRatingRecord rating;
    while (select->step()) {
      rating.rated_at = from_epoch(select->column_int64(0));
      std::int64_t level = select->column_int64(1);
      rating.level.reset();
      if (level != kInvalidRatingLevel) rating.level = static_cast<core::Rating>(level);
      core::count_record(rating, deltas);
    }
  }
  {
    // Each ticket's first dissatisfied result rating, and whether it was called back in time.
    auto select = db.statement(
        "SELECT r.rated_at, EXISTS (SELECT 1 FROM kpi_callbacks c WHERE c.ticket = r.ticket AND c.in_time = 1) "
        "FROM kpi_result_ratings r WHERE r.rowid IN "
        "(SELECT min(rowid) FROM kpi_result_ratings WHERE level = ? GROUP BY ticket)");
    select->bind(1, static_cast<std::int64_t>(core::Rating::dissatisfied));
    core::ResultRatingRecord rating;
    while (select->step()) {
      rating.rated_at = from_epoch(select->column_int64(0));
      core::count_first_dissatisfied_result(rating, deltas);
      if (select->column_int64(1)) core::count_callback_in_time(core::year_month_of(rating.rated_at), deltas);
    }
  }
  {
    auto select = db.statement("SELECT from_at, to_at, normal FROM kpi_platform");
    core::PlatformRecord span;
    while (select->step()) {
      span.from = from_epoch(select->column_int64(0));
      span.to = from_epoch(select->column_int64(1));
      span.normal = select->column_int64(2) != 0;
      core::count_record(span, deltas);
    }
  }
  std::map<core::YearMonth, core::MonthCounters> months;
  add(months, deltas);
  return months;
}

// Replaces every stored counter with `months`.
void replace_counters(Connection& db, const std::map<core::YearMonth, core::MonthCounters>& months) {
  db.exec("DELETE FROM kpi_counters");
  core::KpiDeltas deltas;
  for (const auto& [month, counters] : months)
    for (std::size_t i = 0; i < core::kKpiCounterCount; ++i)
      deltas.add(month, static_cast<core::KpiCounter>(i), counters.values[i]);
  add_counters(db, deltas);
}

}  // namespace

SqliteKpiRepository::SqliteKpiRepository(GroupCommitWriter& writer, ReadPool& readers, core::KpiConfig config)
    : writer_(writer), readers_(readers), config_(std::move(config)) {}

core::Result<core::KpiImportSummary> SqliteKpiRepository::import_records(core::KpiRecordSource& source) {
  core::KpiImportSummary summary;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    summary = {};
    KpiRecordWriter writer(db);
    const core::KpiConfig config = this->config();
    core::KpiLedger ledger(config, writer);
    core::KpiRecordBatch batch;
    for (;;) {
      auto more = source.next(batch);
      if (!more) return more.error();
      if (!*more) break;
      auto added = ledger.add(batch);
      if (!added) return added;
      auto persisted = writer.persist(ledger.take_writes());
      if (!persisted) return persisted;
      summary.records += static_cast<std::int64_t>(batch.size());
    }
    return {};
  });
  if (!done) return done.error();
  return summary;
}

void SqliteKpiRepository::apply_ticket_event(Connection& db, const core::Ticket& after,
                                             const core::TicketEvent& event) {
  auto change = core::kpi_change_for(after, event);
  if (change.empty()) return;
  KpiRecordWriter writer(db);
  const core::KpiConfig config = this->config();
  core::KpiLedger ledger(config, writer);
  ledger.apply(change);
  // A live event's records have no failure mode but storage errors, which throw.
  auto persisted = writer.persist(ledger.take_writes());
  (void)persisted;
}

core::Result<std::vector<core::MonthCounters>> SqliteKpiRepository::counters(int year) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT month, counter, value FROM kpi_counters WHERE month BETWEEN ? AND ?");
    select->bind(1, static_cast<std::int64_t>(year * 100 + 1));
    select->bind(2, static_cast<std::int64_t>(year * 100 + 12));
    std::map<core::YearMonth, core::MonthCounters> months;
    while (select->step()) {
      auto month = static_cast<core::YearMonth>(select->column_int64(0));
      auto counter = core::parse_kpi_counter(select->column_text(1));
      if (!counter) continue;  // a counter of a newer program; this one does not report it
      auto& entry = months[month];
      entry.month = month;
      entry[*counter] = select->column_int64(2);
    }
    return core::months_of_year(months, year);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::MonthCounters>> SqliteKpiRepository::recompute(int year) {
  try {
    auto db = readers_.acquire();
    db->exec("BEGIN");
    try {
      auto months = recompute_all(*db, config());
      db->exec("COMMIT");
      return core::months_of_year(months, year);
    } catch (const std::exception&) {
      db->exec("ROLLBACK");
      throw;
    }
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteKpiRepository::rebuild_counters() {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    replace_counters(db, recompute_all(db, config()));
    return {};
  });
}

core::KpiConfig SqliteKpiRepository::config() {
  std::lock_guard lock(config_mutex_);
  return config_;
}

core::Result<core::KpiRebuildSummary> SqliteKpiRepository::change_config(const core::KpiConfig& config) {
  core::KpiRebuildSummary summary;
  std::optional<core::KpiConfig> before;  // set once the job replaced the configuration
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    auto months = recompute_all(db, config);
    replace_counters(db, months);
    write_setting(db, "kpi", encode_kpi_config(config));
    summary.months = static_cast<std::int64_t>(months.size());
    // Last, once nothing in this job can fail: the jobs after this one in the batch count with it.
    std::lock_guard lock(config_mutex_);
    before = std::exchange(config_, config);
    return {};
  });
  if (!done) {
    // When the batch's COMMIT failed after the job ran (disk full), the stored row and counters are
    // the old ones, so the old configuration is restored too.
    if (before) {
      std::lock_guard lock(config_mutex_);
      config_ = std::move(*before);
    }
    return done.error();
  }
  return summary;
}

core::Result<std::optional<core::EvaluationInputs>> SqliteKpiRepository::evaluation_inputs(int year) {
  try {
    auto db = readers_.acquire();
    db->exec("BEGIN");
    core::EvaluationInputs inputs;
    inputs.year = year;
    bool found = false;
    try {
      {
        auto select = db->statement("SELECT budget_initial, budget_final FROM kpi_evaluations WHERE year = ?");
        select->bind(1, static_cast<std::int64_t>(year));
        if (select->step()) {
          found = true;
          inputs.budget_initial = select->column_double(0);
          inputs.budget_final = select->column_double(1);
        }
      }
      auto items = db->statement(
          "SELECT grp, name, points, score FROM kpi_management_items WHERE year = ? ORDER BY position");
      items->bind(1, static_cast<std::int64_t>(year));
      while (items->step())
        inputs.management.push_back(core::ManagementItem{items->column_text(0), items->column_text(1),
                                                         items->column_double(2), items->column_double(3)});
    } catch (const std::exception&) {
      db->exec("ROLLBACK");
      throw;
    }
    db->exec("COMMIT");
    if (!found) return std::optional<core::EvaluationInputs>{};
    return std::optional<core::EvaluationInputs>{std::move(inputs)};
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteKpiRepository::put_evaluation_inputs(const core::EvaluationInputs& inputs) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    {
      auto upsert = db.statement(
          "INSERT INTO kpi_evaluations (year, budget_initial, budget_final) VALUES (?,?,?) "
          "ON CONFLICT (year) DO UPDATE SET budget_initial = excluded.budget_initial, "
          "budget_final = excluded.budget_final");
      upsert->bind(1, static_cast<std::int64_t>(inputs.year));
      upsert->bind(2, inputs.budget_initial);
      upsert->bind(3, inputs.budget_final);
      upsert->run();
    }
    {
      auto remove = db.statement("DELETE FROM kpi_management_items WHERE year = ?");
      remove->bind(1, static_cast<std::int64_t>(inputs.year));
      remove->run();
    }
    auto insert = db.statement(
        "INSERT INTO kpi_management_items (year, position, grp, name, points, score) VALUES (?,?,?,?,?,?)");
    std::int64_t position = 0;
    for (const auto& item : inputs.management) {
      insert->bind(1, static_cast<std::int64_t>(inputs.year));
      insert->bind(2, position++);
      insert->bind(3, item.group);
      insert->bind(4, item.name);
      insert->bind(5, item.points);
      insert->bind(6, item.score);
      insert->run();
      insert->reset();
    }
    return {};
  });
}

}  // namespace hotline::storage::sqlite
