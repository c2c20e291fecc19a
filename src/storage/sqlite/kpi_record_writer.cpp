#include "storage/sqlite/kpi_record_writer.hpp"

namespace hotline::storage::sqlite {
namespace {

using core::from_epoch;
using core::to_epoch;

std::int64_t code(auto value) { return static_cast<std::int64_t>(value); }

std::optional<std::int64_t> seconds_between(core::Timestamp from, const std::optional<core::Timestamp>& to) {
  if (!to) return std::nullopt;
  return to_epoch(*to) - to_epoch(from);
}

}  // namespace

KpiRecordWriter::KpiRecordWriter(Connection& db, const core::KpiConfig& config) : db_(db), config_(config) {}

std::int64_t KpiRecordWriter::label(const std::string& text) {
  if (text.empty()) return 0;
  if (auto it = labels_.find(text); it != labels_.end()) return it->second;
  std::int64_t id = 0;
  {
    auto select = db_.statement("SELECT id FROM kpi_labels WHERE text = ?");
    select->bind(1, text);
    if (select->step()) id = select->column_int64(0);
  }
  if (id == 0) {
    auto insert = db_.statement("INSERT INTO kpi_labels (text) VALUES (?)");
    insert->bind(1, text);
    insert->run();
    id = db_.last_insert_rowid();
  }
  labels_.emplace(text, id);
  return id;
}

core::Result<void> KpiRecordWriter::write(const core::KpiRecordBatch& batch) {
  if (!batch.calls.empty()) {
    auto insert = db_.statement(
        "INSERT INTO kpi_calls (offered_at, answer_seconds, end_seconds, agent, skill, caller) VALUES (?,?,?,?,?,?)");
    for (const auto& r : batch.calls) {
      core::Timestamp from = r.answered_at ? *r.answered_at : r.offered_at;
      insert->bind(1, to_epoch(r.offered_at));
      insert->bind(2, seconds_between(r.offered_at, r.answered_at));
      insert->bind(3, to_epoch(r.ended_at) - to_epoch(from));
      insert->bind(4, label(r.agent));
      insert->bind(5, label(r.skill));
      insert->bind(6, r.caller);
      insert->run();
      insert->reset();
      core::count_record(r, config_, deltas_);
    }
  }
  if (!batch.dialogues.empty()) {
    auto insert =
        db_.statement("INSERT INTO kpi_dialogues (asked_at, answer_seconds, channel, session) VALUES (?,?,?,?)");
    for (const auto& r : batch.dialogues) {
      insert->bind(1, to_epoch(r.asked_at));
      insert->bind(2, seconds_between(r.asked_at, r.answered_at));
      insert->bind(3, code(r.channel));
      insert->bind(4, r.session);
      insert->run();
      insert->reset();
      core::count_record(r, config_, deltas_);
    }
  }
  if (!batch.tickets.empty()) {
    auto insert = db_.statement(
        "INSERT INTO kpi_tickets (ticket, type, channel, registered_at, resolved_at_intake, dispatched_at) "
        "VALUES (?,?,?,?,?,?)");
    for (const auto& r : batch.tickets) {
      insert->bind(1, r.ticket);
      insert->bind(2, code(r.type));
      insert->bind(3, code(r.channel));
      insert->bind(4, to_epoch(r.registered_at));
      insert->bind(5, r.resolved_at_intake);
      if (r.dispatched_at) insert->bind(6, to_epoch(*r.dispatched_at));
      try {
        insert->run();
      } catch (const SqliteError& e) {
        if (!e.is_constraint()) throw;
        return core::fail(core::ErrorCode::conflict, "ticket " + std::to_string(r.ticket) + " is already recorded",
                          "ticket");
      }
      insert->reset();
      core::count_record(r, config_, deltas_);
    }
  }
  if (!batch.dispatches.empty()) {
    auto insert = db_.statement("INSERT INTO kpi_dispatches (ticket, dispatched_at, unit, wrong) VALUES (?,?,?,?)");
    for (const auto& r : batch.dispatches) {
      insert->bind(1, r.ticket);
      insert->bind(2, to_epoch(r.dispatched_at));
      insert->bind(3, label(r.unit));
      insert->bind(4, r.wrong);
      insert->run();
      insert->reset();
      core::count_record(r, deltas_);
    }
  }
  if (!batch.intake_ratings.empty()) {
    auto insert = db_.statement("INSERT INTO kpi_intake_ratings (ticket, rated_at, level) VALUES (?,?,?)");
    for (const auto& r : batch.intake_ratings) {
      insert->bind(1, r.ticket);
      insert->bind(2, to_epoch(r.rated_at));
      insert->bind(3, r.level ? code(*r.level) : kInvalidRatingLevel);
      insert->run();
      insert->reset();
      core::count_record(r, deltas_);
    }
  }
  for (const auto& r : batch.result_ratings) insert_result_rating(r);
  for (const auto& r : batch.callbacks) {
    auto inserted = insert_callback(r);
    if (!inserted) return inserted;
  }
  if (!batch.platform.empty()) {
    auto insert = db_.statement("INSERT INTO kpi_platform (from_at, to_at, normal) VALUES (?,?,?)");
    for (const auto& r : batch.platform) {
      insert->bind(1, to_epoch(r.from));
      insert->bind(2, to_epoch(r.to));
      insert->bind(3, r.normal);
      insert->run();
      insert->reset();
      core::count_record(r, deltas_);
    }
  }
  return {};
}

void KpiRecordWriter::insert_result_rating(const core::ResultRatingRecord& r) {
  bool first_dissatisfied = false;
  if (r.level == core::Rating::dissatisfied) {
    auto select = db_.statement("SELECT 1 FROM kpi_result_ratings WHERE ticket = ? AND level = ? LIMIT 1");
    select->bind(1, r.ticket);
    select->bind(2, code(core::Rating::dissatisfied));
    first_dissatisfied = !select->step();
  }
  auto insert = db_.statement("INSERT INTO kpi_result_ratings (ticket, rated_at, level) VALUES (?,?,?)");
  insert->bind(1, r.ticket);
  insert->bind(2, to_epoch(r.rated_at));
  insert->bind(3, code(r.level));
  insert->run();
  if (first_dissatisfied) core::count_first_dissatisfied_result(r, deltas_);
}

core::Result<void> KpiRecordWriter::insert_callback(const core::CallbackRecord& r) {
  std::optional<std::int64_t> rated_at;
  {
    // The ticket's first dissatisfied rating: the callback counts in that rating's month.
    auto select = db_.statement(
        "SELECT rated_at FROM kpi_result_ratings WHERE ticket = ? AND level = ? ORDER BY rowid LIMIT 1");
    select->bind(1, r.ticket);
    select->bind(2, code(core::Rating::dissatisfied));
    if (select->step()) rated_at = select->column_int64(0);
  }
  if (!rated_at)
    return core::fail(core::ErrorCode::invalid_argument,
                      "callback of ticket " + std::to_string(r.ticket) + ", which has no dissatisfied result rating",
                      "ticket");
  bool earlier_in_time = false;
  if (r.in_time) {
    auto select = db_.statement("SELECT 1 FROM kpi_callbacks WHERE ticket = ? AND in_time = 1 LIMIT 1");
    select->bind(1, r.ticket);
    earlier_in_time = select->step();
  }
  auto insert = db_.statement("INSERT INTO kpi_callbacks (ticket, done_at, in_time) VALUES (?,?,?)");
  insert->bind(1, r.ticket);
  insert->bind(2, to_epoch(r.done_at));
  insert->bind(3, r.in_time);
  insert->run();
  if (r.in_time && !earlier_in_time) core::count_callback_in_time(core::year_month_of(from_epoch(*rated_at)), deltas_);
  return {};
}

void KpiRecordWriter::apply(const core::KpiTicketChange& change) {
  if (change.registered) {
    const auto& r = *change.registered;
    auto insert = db_.statement(
        "INSERT OR IGNORE INTO kpi_tickets (ticket, type, channel, registered_at, resolved_at_intake, dispatched_at) "
        "VALUES (?,?,?,?,0,NULL)");
    insert->bind(1, r.ticket);
    insert->bind(2, code(r.type));
    insert->bind(3, code(r.channel));
    insert->bind(4, to_epoch(r.registered_at));
    insert->run();
    // An id already taken by an imported record keeps that record; the live ticket is not counted.
    if (db_.changes() > 0) core::count_registration(r.type, r.registered_at, deltas_);
  }
  if (change.first_dispatch_at && change.dispatch) {
    std::int64_t ticket = change.dispatch->ticket;
    auto update = db_.statement("UPDATE kpi_tickets SET dispatched_at = ? WHERE ticket = ? AND dispatched_at IS NULL");
    update->bind(1, to_epoch(*change.first_dispatch_at));
    update->bind(2, ticket);
    update->run();
    if (db_.changes() > 0) {
      auto select = db_.statement("SELECT type, registered_at FROM kpi_tickets WHERE ticket = ?");
      select->bind(1, ticket);
      if (select->step())
        core::count_first_dispatch(static_cast<core::TicketType>(select->column_int64(0)),
                                   from_epoch(select->column_int64(1)), *change.first_dispatch_at, config_, deltas_);
    }
  }
  if (change.dispatch) {
    core::KpiRecordBatch batch;
    batch.dispatches.push_back(*change.dispatch);
    auto written = write(batch);
    (void)written;  // dispatch records have no failure mode but storage errors, which throw
  }
  if (change.last_dispatch_wrong) {
    // The upheld return makes the ticket's latest dispatch operation a wrong one.
    std::optional<std::pair<std::int64_t, std::int64_t>> latest;  // rowid, dispatched_at
    {
      auto select = db_.statement(
          "SELECT rowid, dispatched_at, wrong FROM kpi_dispatches WHERE ticket = ? ORDER BY rowid DESC LIMIT 1");
      select->bind(1, change.ticket);
      if (select->step() && select->column_int64(2) == 0)
        latest = std::make_pair(select->column_int64(0), select->column_int64(1));
    }
    if (latest) {
      auto update = db_.statement("UPDATE kpi_dispatches SET wrong = 1 WHERE rowid = ?");
      update->bind(1, latest->first);
      update->run();
      deltas_.add(core::year_month_of(from_epoch(latest->second)), core::KpiCounter::dispatch_operations_wrong);
    }
  }
  if (change.result_rating) insert_result_rating(*change.result_rating);
}

void KpiRecordWriter::flush() {
  add_counters(db_, deltas_);
  deltas_.clear();
}

void add_counters(Connection& db, const core::KpiDeltas& deltas) {
  auto upsert = db.statement(
      "INSERT INTO kpi_counters (month, counter, value) VALUES (?,?,?) "
      "ON CONFLICT (month, counter) DO UPDATE SET value = value + excluded.value");
  for (const auto& [month, counters] : deltas.months()) {
    for (std::size_t i = 0; i < core::kKpiCounterCount; ++i) {
      if (counters.values[i] == 0) continue;
      upsert->bind(1, static_cast<std::int64_t>(month));
      upsert->bind(2, core::to_string(static_cast<core::KpiCounter>(i)));
      upsert->bind(3, counters.values[i]);
      upsert->run();
      upsert->reset();
    }
  }
}

}  // namespace hotline::storage::sqlite
