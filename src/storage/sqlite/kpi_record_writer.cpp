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

KpiRecordWriter::KpiRecordWriter(Connection& db) : db_(db) {}

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

std::optional<core::TicketRecord> KpiRecordWriter::ticket(std::int64_t ticket) {
  auto select = db_.statement(
      "SELECT type, channel, registered_at, resolved_at_intake, dispatched_at FROM kpi_tickets WHERE ticket = ?");
  select->bind(1, ticket);
  if (!select->step()) return std::nullopt;
  core::TicketRecord r;
  r.ticket = ticket;
  r.type = static_cast<core::TicketType>(select->column_int64(0));
  r.channel = static_cast<core::Channel>(select->column_int64(1));
  r.registered_at = from_epoch(select->column_int64(2));
  r.resolved_at_intake = select->column_int64(3) != 0;
  if (!select->is_null(4)) r.dispatched_at = from_epoch(select->column_int64(4));
  return r;
}

std::optional<core::DispatchRecord> KpiRecordWriter::latest_dispatch(std::int64_t ticket) {
  auto select = db_.statement(
      "SELECT dispatched_at, wrong FROM kpi_dispatches WHERE ticket = ? ORDER BY rowid DESC LIMIT 1");
  select->bind(1, ticket);
  if (!select->step()) return std::nullopt;
  core::DispatchRecord r;
  r.ticket = ticket;
  r.dispatched_at = from_epoch(select->column_int64(0));
  r.wrong = select->column_int64(1) != 0;
  return r;
}

std::optional<core::Timestamp> KpiRecordWriter::first_dissatisfied_rating(std::int64_t ticket) {
  auto select = db_.statement(
      "SELECT rated_at FROM kpi_result_ratings WHERE ticket = ? AND level = ? ORDER BY rowid LIMIT 1");
  select->bind(1, ticket);
  select->bind(2, code(core::Rating::dissatisfied));
  if (!select->step()) return std::nullopt;
  return from_epoch(select->column_int64(0));
}

bool KpiRecordWriter::called_back_in_time(std::int64_t ticket) {
  auto select = db_.statement("SELECT 1 FROM kpi_callbacks WHERE ticket = ? AND in_time = 1 LIMIT 1");
  select->bind(1, ticket);
  return select->step();
}

bool KpiRecordWriter::call_recorded(const std::string& call_id) {
  auto select = db_.statement("SELECT 1 FROM kpi_calls WHERE call_id = ? LIMIT 1");
  select->bind(1, call_id);
  return select->step();
}

core::Result<void> KpiRecordWriter::insert(const core::KpiRecordBatch& batch) {
  if (!batch.calls.empty()) {
    auto insert = db_.statement(
        "INSERT INTO kpi_calls (offered_at, answer_seconds, end_seconds, agent, skill, caller, call_id) "
        "VALUES (?,?,?,?,?,?,?)");
    for (const auto& r : batch.calls) {
      core::Timestamp from = r.answered_at ? *r.answered_at : r.offered_at;
      insert->bind(1, to_epoch(r.offered_at));
      insert->bind(2, seconds_between(r.offered_at, r.answered_at));
      insert->bind(3, to_epoch(r.ended_at) - to_epoch(from));
      insert->bind(4, label(r.agent));
      insert->bind(5, label(r.skill));
      insert->bind(6, r.caller);
      if (r.call_id.empty()) insert->bind_null(7);
      else insert->bind(7, r.call_id);
      insert->run();
      insert->reset();
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
    }
  }
  if (!batch.result_ratings.empty()) {
    auto insert = db_.statement("INSERT INTO kpi_result_ratings (ticket, rated_at, level) VALUES (?,?,?)");
    for (const auto& r : batch.result_ratings) {
      insert->bind(1, r.ticket);
      insert->bind(2, to_epoch(r.rated_at));
      insert->bind(3, code(r.level));
      insert->run();
      insert->reset();
    }
  }
  if (!batch.callbacks.empty()) {
    auto insert = db_.statement("INSERT INTO kpi_callbacks (ticket, done_at, in_time) VALUES (?,?,?)");
    for (const auto& r : batch.callbacks) {
      insert->bind(1, r.ticket);
      insert->bind(2, to_epoch(r.done_at));
      insert->bind(3, r.in_time);
      insert->run();
      insert->reset();
    }
  }
  if (!batch.platform.empty()) {
    auto insert = db_.statement("INSERT INTO kpi_platform (from_at, to_at, normal) VALUES (?,?,?)");
    for (const auto& r : batch.platform) {
      insert->bind(1, to_epoch(r.from));
      insert->bind(2, to_epoch(r.to));
      insert->bind(3, r.normal);
      insert->run();
      insert->reset();
    }
  }
  return {};
}

core::Result<void> KpiRecordWriter::persist(const core::KpiWrites& writes) {
  auto inserted = insert(writes.records);
  if (!inserted) return inserted;
  if (!writes.first_dispatches.empty()) {
    auto update = db_.statement("UPDATE kpi_tickets SET dispatched_at = ? WHERE ticket = ?");
    for (const auto& [ticket, at] : writes.first_dispatches) {
      update->bind(1, to_epoch(at));
      update->bind(2, ticket);
      update->run();
      update->reset();
    }
  }
  if (!writes.wrong_dispatches.empty()) {
    auto update = db_.statement(
        "UPDATE kpi_dispatches SET wrong = 1 WHERE rowid = (SELECT max(rowid) FROM kpi_dispatches WHERE ticket = ?)");
    for (auto ticket : writes.wrong_dispatches) {
      update->bind(1, ticket);
      update->run();
      update->reset();
    }
  }
  add_counters(db_, writes.deltas);
  return {};
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
