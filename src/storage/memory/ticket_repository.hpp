#pragma once
// `InMemoryTicketRepository`: the `core::TicketRepository` port kept in process memory, for core
// unit tests and demos. Nothing survives the process, so "durable" means "stored in this object".
// Owns its tickets and histories. Thread-safe: every method locks `mutex_`.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/ticket_repository.hpp"
#include "storage/memory/kpi_repository.hpp"

namespace hotline::storage::memory {

class InMemoryTicketRepository final : public core::TicketRepository {
 public:
  // `kpi`, when given, records each event's effect on the KPI counters.
  explicit InMemoryTicketRepository(InMemoryKpiRepository* kpi = nullptr) : kpi_(kpi) {}

  // core::TicketRepository
  [[nodiscard]] core::Result<core::CreatedTicket> create(const core::Ticket& ticket,
                                                         const core::TicketEvent& first_event) override;
  [[nodiscard]] core::Result<std::int64_t> append(const core::Ticket& updated, const core::TicketEvent& event,
                                          std::int64_t expected_version) override;
  [[nodiscard]] core::Result<std::vector<std::int64_t>> append_all(const std::vector<core::TicketAppend>& appends) override;
  [[nodiscard]] core::Result<std::vector<core::TicketId>> import_tickets(
      const std::vector<core::ImportedTicket>& batch) override;
  [[nodiscard]] core::Result<core::Ticket> get(core::TicketId id) override;
  [[nodiscard]] core::Result<std::vector<core::Ticket>> get_many(const std::vector<core::TicketId>& ids) override;
  [[nodiscard]] core::Result<std::optional<core::TicketId>> first_created_since(core::Timestamp from) override;
  [[nodiscard]] core::Result<std::vector<core::TicketId>> created_by(std::int64_t user, core::Timestamp from,
                                                                    core::Timestamp to, int limit) override;
  [[nodiscard]] core::Result<std::vector<core::PhraseHits>> find_phrases(const core::PhraseSearch& search) override;
  [[nodiscard]] core::Result<core::TicketPage> list(const core::TicketQuery& query) override;
  [[nodiscard]] core::Result<std::vector<core::TicketEvent>> events_after(std::int64_t after_id, int limit) override;
  [[nodiscard]] core::Result<std::vector<core::TicketEvent>> history(core::TicketId id) override;
  [[nodiscard]] core::Result<std::int64_t> count() override;
  [[nodiscard]] core::Result<core::DashboardFigures> dashboard(const core::DashboardQuery& query) override;

 private:
  struct Entry {
    core::Ticket ticket;
    std::vector<core::TicketEvent> events;
  };

  // Both with mutex_ held: whether `updated` may replace the stored ticket, and the append itself
  // (checked first), which returns the event's global id.
  [[nodiscard]] core::Result<void> check_append_locked(const core::Ticket& updated, std::int64_t expected_version) const;
  std::int64_t append_locked(const core::Ticket& updated, const core::TicketEvent& event);

  std::mutex mutex_;  // guards entries_, next_id_ and event_log_
  std::map<core::TicketId, Entry> entries_;
  core::TicketId next_id_ = 1;
  // Global event id -> (ticket, index in its events); ids are 1, 2, 3... in the order stored.
  std::vector<std::pair<core::TicketId, std::size_t>> event_log_;
  InMemoryKpiRepository* kpi_;
};

}  // namespace hotline::storage::memory
