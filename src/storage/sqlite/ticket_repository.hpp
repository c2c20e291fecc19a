#pragma once
// `SqliteTicketRepository`: the `core::TicketRepository` port on SQLite. Writes go through the
// `GroupCommitWriter` (durable when they return); reads check a connection out of the `ReadPool`.
// Created and owned by `Database`; borrows its writer and pool. Thread-safe.
// Tables: `tickets` (the projection), `ticket_events` (the history), `ticket_units` (lead and
// co-handling units, for the unit filter) and `ticket_fts` (bigrams for `text_contains`).

#include "core/ticket_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/kpi_repository.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteTicketRepository final : public core::TicketRepository {
 public:
  // `kpi`, when given, records each event's effect on the KPI counters in the event's transaction.
  SqliteTicketRepository(GroupCommitWriter& writer, ReadPool& readers, SqliteKpiRepository* kpi = nullptr);

  // core::TicketRepository
  [[nodiscard]] core::Result<core::CreatedTicket> create(const core::Ticket& ticket,
                                                  const core::TicketEvent& first_event) override;
  [[nodiscard]] core::Result<std::int64_t> append(const core::Ticket& updated, const core::TicketEvent& event,
                                          std::int64_t expected_version) override;
  [[nodiscard]] core::Result<std::vector<std::int64_t>> append_all(const std::vector<core::TicketAppend>& appends) override;
  // One transaction for the whole batch (all or nothing).
  [[nodiscard]] core::Result<std::vector<core::TicketId>> import_tickets(
      const std::vector<core::ImportedTicket>& batch) override;
  [[nodiscard]] core::Result<core::Ticket> get(core::TicketId id) override;
  // Errors: invalid_argument when `limit` is outside 1..500. See ticket_query.hpp for the plans.
  [[nodiscard]] core::Result<core::TicketPage> list(const core::TicketQuery& query) override;
  [[nodiscard]] core::Result<std::vector<core::TicketEvent>> events_after(std::int64_t after_id, int limit) override;
  [[nodiscard]] core::Result<std::vector<core::TicketEvent>> history(core::TicketId id) override;
  [[nodiscard]] core::Result<std::int64_t> count() override;
  [[nodiscard]] core::Result<std::vector<core::Ticket>> get_many(const std::vector<core::TicketId>& ids) override;
  [[nodiscard]] core::Result<std::optional<core::TicketId>> first_created_since(core::Timestamp from) override;
  [[nodiscard]] core::Result<std::vector<core::TicketId>> created_by(std::int64_t user, core::Timestamp from,
                                                                    core::Timestamp to, int limit) override;
  [[nodiscard]] core::Result<std::vector<core::PhraseHits>> find_phrases(const core::PhraseSearch& search) override;
  // GROUP BY queries (ticket_dashboard.cpp).
  [[nodiscard]] core::Result<core::DashboardFigures> dashboard(const core::DashboardQuery& query) override;

 private:
  // One append inside the writer's job (see `append`).
  [[nodiscard]] core::Result<std::int64_t> append_in(Connection& db, const core::Ticket& updated,
                                                     const core::TicketEvent& event, std::int64_t expected_version);

  GroupCommitWriter& writer_;
  ReadPool& readers_;
  SqliteKpiRepository* kpi_;
};

}  // namespace hotline::storage::sqlite
