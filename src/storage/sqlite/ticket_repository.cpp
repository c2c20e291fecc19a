#include "storage/sqlite/ticket_repository.hpp"

#include <algorithm>
#include <map>

#include "core/workflow.hpp"
#include "storage/sqlite/bigram.hpp"
#include "storage/sqlite/ticket_query.hpp"
#include "storage/sqlite/ticket_rows.hpp"

namespace hotline::storage::sqlite {
namespace {

const std::string kInsertTicket = "INSERT INTO tickets (" + std::string(kTicketColumns) +
                                  ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"
                                  "?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35,?36,?37,?38,?39,?40,"
                                  "?41,?42,?43,?44,?45,?46,?47,?48,?49)";
constexpr std::string_view kUpdateTicket =
    "UPDATE tickets SET type=?2, channel=?3, caller_name=?4, caller_phone=?5, caller_confidential=?6, title=?7, "
    "text=?8, district=?9, street=?10, address=?11, latitude=?12, longitude=?13, category=?14, urgency=?15, "
    "state=?16, resume_state=?17, created_at=?18, updated_at=?19, deadline=?20, acknowledge_deadline=?21, "
    "closed_at=?22, lead_unit=?23, co_units=?24, dispatch_count=?25, wrong_dispatch_count=?26, "
    "supervision_count=?27, redo_count=?28, reviewed=?29, rating=?30, requested_deadline=?31, merged_into=?32, "
    "reply=?33, version=?34, created_by=?35, co_handling=?36, forwarded_from=?37, needs_correction=?38, "
    "correction_reason=?39, callback_due=?40, callback_attempts=?41, next_callback_at=?42, "
    "callback_result=?43, intake_answer=?44, knowledge_article=?45, intake_rating=?46, merged_from=?47, "
    "deadline_beyond_calendar=?48, attachments=?49 WHERE id=?1 AND version=?50";
const std::string kInsertEvent = "INSERT INTO ticket_events (" + std::string(kEventColumns) + ") VALUES (?,?,?,?,?,?,?,?,?)";
const std::string kSelectTicket = "SELECT " + std::string(kTicketColumns) + " FROM tickets WHERE id = ?";
// The global id comes after the `kEventColumns`, as column 9.
const std::string kSelectHistory =
    "SELECT " + std::string(kEventColumns) + ", id FROM ticket_events WHERE ticket_id = ? ORDER BY seq";
const std::string kSelectEventsAfter =
    "SELECT " + std::string(kEventColumns) + ", id FROM ticket_events WHERE id > ? ORDER BY id LIMIT ?";

void insert_units(Connection& db, const core::Ticket& ticket) {
  auto insert = db.statement("INSERT OR IGNORE INTO ticket_units (unit_id, ticket_id, role) VALUES (?, ?, ?)");
  auto add = [&](const core::UnitId& unit, std::string_view role) {
    insert->bind(1, unit);
    insert->bind(2, ticket.id);
    insert->bind(3, role);
    insert->run();
    insert->reset();
  };
  if (!ticket.lead_unit.empty()) add(ticket.lead_unit, "lead");
  for (const auto& unit : ticket.co_units) add(unit, "co");
}

void insert_fts(Connection& db, core::TicketId id, const std::string& title, const std::string& text) {
  auto insert = db.statement("INSERT INTO ticket_fts (rowid, grams) VALUES (?, ?)");
  insert->bind(1, id);
  insert->bind(2, bigram_document(title, text));
  insert->run();
}

// Returns the event's global id: its rowid, which the single writer assigns in commit order.
std::int64_t insert_event(Connection& db, const core::TicketEvent& event) {
  auto insert = db.statement(kInsertEvent);
  bind_event(*insert, event);
  insert->run();
  return db.last_insert_rowid();
}

core::TicketEvent read_event_with_id(const Statement& select) {
  core::TicketEvent event = read_event(select);
  event.id = select.column_int64(9);
  return event;
}

// Inserts a new ticket row and its index rows; returns the id SQLite assigned.
core::TicketId insert_ticket(Connection& db, core::Ticket ticket) {
  ticket.id = 0;
  {
    auto insert = db.statement(kInsertTicket);
    bind_ticket(*insert, ticket);
    insert->run();
  }
  ticket.id = db.last_insert_rowid();
  insert_units(db, ticket);
  insert_fts(db, ticket.id, ticket.title, ticket.text);
  return ticket.id;
}

void bind_arguments(Statement& statement, const std::vector<SqlArgument>& arguments) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    std::visit([&](const auto& value) { statement.bind(index, value); }, arguments[i]);
  }
}

}  // namespace

SqliteTicketRepository::SqliteTicketRepository(GroupCommitWriter& writer, ReadPool& readers,
                                               SqliteKpiRepository* kpi)
    : writer_(writer), readers_(readers), kpi_(kpi) {}

core::Result<core::CreatedTicket> SqliteTicketRepository::create(const core::Ticket& ticket,
                                                                 const core::TicketEvent& first_event) {
  core::CreatedTicket stored{ticket, 0};
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    stored.ticket.id = insert_ticket(db, ticket);
    core::TicketEvent event = first_event;
    event.ticket_id = stored.ticket.id;
    event.seq = 1;
    stored.event_id = insert_event(db, event);
    if (kpi_) kpi_->apply_ticket_event(db, stored.ticket, event);
    return {};
  });
  if (!done) return done.error();
  return stored;
}

core::Result<std::int64_t> SqliteTicketRepository::append(const core::Ticket& updated,
                                                          const core::TicketEvent& event,
                                                          std::int64_t expected_version) {
  auto ids = append_all({core::TicketAppend{updated, event, expected_version}});
  if (!ids) return ids.error();
  return ids->front();
}

core::Result<std::vector<std::int64_t>> SqliteTicketRepository::append_all(
    const std::vector<core::TicketAppend>& appends) {
  for (const auto& a : appends)
    if (a.updated.version != a.expected_version + 1)
      return core::fail(core::ErrorCode::invalid_argument, "updated.version must be expected_version + 1");
  std::vector<std::int64_t> event_ids;
  // One writer job: its SAVEPOINT rolls every append back when one of them fails.
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    event_ids.clear();
    for (const auto& a : appends) {
      auto id = append_in(db, a.updated, a.event, a.expected_version);
      if (!id) return id.error();
      event_ids.push_back(*id);
    }
    return {};
  });
  if (!done) return done.error();
  return event_ids;
}

core::Result<std::int64_t> SqliteTicketRepository::append_in(Connection& db, const core::Ticket& updated,
                                                             const core::TicketEvent& event,
                                                             std::int64_t expected_version) {
  std::int64_t event_id = 0;
  {
    std::string old_title;
    std::string old_text;
    {
      auto select = db.statement("SELECT title, text, version FROM tickets WHERE id = ?");
      select->bind(1, updated.id);
      if (!select->step()) return core::fail(core::ErrorCode::not_found, "ticket not found");
      old_title = select->column_text(0);
      old_text = select->column_text(1);
    }
    {
      // The version check and the write are one statement in the writer's transaction: atomic.
      auto update = db.statement(kUpdateTicket);
      bind_ticket(*update, updated);
      update->bind(50, expected_version);
      update->run();
    }
    if (db.changes() == 0)
      return core::fail(core::ErrorCode::conflict, "the ticket was changed by someone else; reload and retry");
    core::TicketEvent stored = event;
    stored.ticket_id = updated.id;
    stored.seq = updated.version;
    event_id = insert_event(db, stored);
    if (kpi_) kpi_->apply_ticket_event(db, updated, stored);
    {
      auto remove = db.statement("DELETE FROM ticket_units WHERE ticket_id = ?");
      remove->bind(1, updated.id);
      remove->run();
    }
    insert_units(db, updated);
    if (old_title != updated.title || old_text != updated.text) {
      // Contentless FTS5 deletes need the indexed tokens of the old version.
      auto remove = db.statement("INSERT INTO ticket_fts (ticket_fts, rowid, grams) VALUES ('delete', ?, ?)");
      remove->bind(1, updated.id);
      remove->bind(2, bigram_document(old_title, old_text));
      remove->run();
      insert_fts(db, updated.id, updated.title, updated.text);
    }
  }
  return event_id;
}

core::Result<std::vector<core::TicketId>> SqliteTicketRepository::import_tickets(
    const std::vector<core::ImportedTicket>& batch) {
  for (const auto& imported : batch) {
    if (imported.events.empty())
      return core::fail(core::ErrorCode::invalid_argument, "an imported ticket needs at least one event");
  }
  std::vector<core::TicketId> ids;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    ids.clear();
    ids.reserve(batch.size());
    for (const auto& imported : batch) {
      core::Ticket ticket = imported.ticket;
      ticket.version = static_cast<std::int64_t>(imported.events.size());
      core::TicketId id = insert_ticket(db, ticket);
      std::int64_t seq = 0;
      core::Ticket replayed;  // the ticket as of each event, for the KPI records
      for (core::TicketEvent event : imported.events) {
        event.ticket_id = id;
        event.seq = ++seq;
        insert_event(db, event);
        core::apply(replayed, event);
        if (kpi_) kpi_->apply_ticket_event(db, replayed, event);
      }
      ids.push_back(id);
    }
    return {};
  });
  if (!done) return done.error();
  return ids;
}

core::Result<core::Ticket> SqliteTicketRepository::get(core::TicketId id) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(kSelectTicket);
    select->bind(1, id);
    if (!select->step()) return core::fail(core::ErrorCode::not_found, "ticket not found");
    return read_ticket(*select);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<core::TicketPage> SqliteTicketRepository::list(const core::TicketQuery& query) {
  if (query.limit < 1 || query.limit > 500)
    return core::fail(core::ErrorCode::invalid_argument, "limit must be 1-500", "limit");
  if (query.sort == core::TicketSort::deadline && query.after_id.has_value() != query.after_deadline.has_value())
    return core::fail(core::ErrorCode::invalid_argument, "a deadline cursor needs both its deadline and its id",
                      "after");
  try {
    auto db = readers_.acquire();
    bool small_created_range = false;
    if (auto probe = created_range_probe(query)) {
      auto count = db->statement(probe->sql);
      bind_arguments(*count, probe->arguments);
      count->step();
      small_created_range = count->column_int64(0) <= kSmallCreatedRange;
    }
    bool small_category_range = false;
    if (auto probe = category_range_probe(query)) {
      auto count = db->statement(probe->sql);
      bind_arguments(*count, probe->arguments);
      count->step();
      small_category_range = count->column_int64(0) <= kSmallCategoryRange;
    }
    auto plan = plan_list(query, small_created_range, small_category_range);
    std::vector<core::Ticket> rows;
    // Several statements must see one snapshot, or a write between them could skew the page.
    if (plan.size() > 1) db->exec("BEGIN");
    try {
      for (const auto& part : plan) {
        auto select = db->statement(part.sql);
        bind_arguments(*select, part.arguments);
        while (select->step()) rows.push_back(read_ticket(*select));
      }
    } catch (const std::exception&) {
      if (plan.size() > 1) db->exec("ROLLBACK");
      throw;
    }
    if (plan.size() > 1) db->exec("COMMIT");

    const bool by_deadline = query.sort == core::TicketSort::deadline;
    std::sort(rows.begin(), rows.end(), [by_deadline](const auto& a, const auto& b) {
      if (by_deadline) return std::pair{a.deadline, a.id} < std::pair{b.deadline, b.id};
      return a.id > b.id;
    });
    rows.erase(std::unique(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
               rows.end());
    core::TicketPage page;
    auto limit = static_cast<std::size_t>(query.limit);
    if (rows.size() > limit) {
      rows.resize(limit);
      page.next_after_id = rows.back().id;
      if (by_deadline) page.next_after_deadline = rows.back().deadline;
    }
    page.tickets = std::move(rows);
    return page;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::TicketEvent>> SqliteTicketRepository::history(core::TicketId id) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(kSelectHistory);
    select->bind(1, id);
    std::vector<core::TicketEvent> events;
    while (select->step()) events.push_back(read_event_with_id(*select));
    // Every stored ticket has at least its registration event.
    if (events.empty()) return core::fail(core::ErrorCode::not_found, "ticket not found");
    return events;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::TicketEvent>> SqliteTicketRepository::events_after(std::int64_t after_id, int limit) {
  if (limit < 1 || limit > core::kMaxEventsAfter)
    return core::fail(core::ErrorCode::invalid_argument, "limit must be 1-1000", "limit");
  try {
    auto db = readers_.acquire();
    auto select = db->statement(kSelectEventsAfter);
    select->bind(1, after_id);
    select->bind(2, limit);
    std::vector<core::TicketEvent> events;
    while (select->step()) events.push_back(read_event_with_id(*select));
    return events;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::int64_t> SqliteTicketRepository::count() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT count(*) FROM tickets");
    select->step();
    return select->column_int64(0);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::Ticket>> SqliteTicketRepository::get_many(const std::vector<core::TicketId>& ids) {
  try {
    std::vector<core::Ticket> out;
    if (ids.empty()) return out;
    auto db = readers_.acquire();
    auto select = db->statement(kSelectTicket);
    for (const auto id : ids) {
      select->reset();
      select->bind(1, id);
      if (select->step()) out.push_back(read_ticket(*select));
    }
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::optional<core::TicketId>> SqliteTicketRepository::first_created_since(core::Timestamp from) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(
        "SELECT id FROM tickets INDEXED BY tickets_by_created WHERE created_at >= ? ORDER BY created_at, id LIMIT 1");
    select->bind(1, core::to_epoch(from));
    if (!select->step()) return std::optional<core::TicketId>{};
    return std::optional<core::TicketId>{select->column_int64(0)};
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::TicketId>> SqliteTicketRepository::created_by(std::int64_t user, core::Timestamp from,
                                                                            core::Timestamp to, int limit) {
  if (limit < 1 || limit > core::kMaxCreatedBy)
    return core::fail(core::ErrorCode::invalid_argument, "limit must be 1-" + std::to_string(core::kMaxCreatedBy), "limit");
  try {
    auto db = readers_.acquire();
    // The creator index alone (created_by, created_at, id): no ticket row is read.
    auto select = db->statement(
        "SELECT id FROM tickets INDEXED BY tickets_by_creator WHERE created_by = ? AND created_at >= ? AND created_at < ? "
        "ORDER BY id LIMIT ?");
    select->bind(1, user);
    select->bind(2, core::to_epoch(from));
    select->bind(3, core::to_epoch(to));
    select->bind(4, static_cast<std::int64_t>(limit));
    std::vector<core::TicketId> ids;
    while (select->step()) ids.push_back(select->column_int64(0));
    return ids;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::PhraseHits>> SqliteTicketRepository::find_phrases(const core::PhraseSearch& search) {
  if (search.per_phrase < 1 || search.per_phrase > 500)
    return core::fail(core::ErrorCode::invalid_argument, "per_phrase must be 1-500", "per_phrase");
  try {
    // The text index alone, within the id range: no ticket row is read.
    auto db = readers_.acquire();
    auto select = db->statement(
        "SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?");
    std::map<core::TicketId, int> listed;
    for (const auto& phrase : search.phrases) {
      const std::string match = bigram_query(phrase);
      if (match.empty()) continue;
      select->reset();
      int k = 1;
      select->bind(k++, match);
      select->bind(k++, search.min_id);
      select->bind(k++, search.below);
      select->bind(k++, search.per_phrase);
      while (select->step()) ++listed[select->column_int64(0)];
    }
    std::vector<core::PhraseHits> out;
    for (const auto& [id, phrases] : listed) out.push_back({id, phrases});
    core::sort_phrase_hits(out);
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

}  // namespace hotline::storage::sqlite
