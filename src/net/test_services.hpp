#pragma once
// Test-only: real core services over memory storage, a fixed clock (Monday 2024-05-06 10:00
// China time), a small unit tree and one account per role, for net's tests. The ticket repository
// is wrapped in `GatedTicketRepository` so a test can hold a request inside a core call (graceful
// stop) or make it throw (session boundary).

#include <atomic>
#include <future>
#include <memory>
#include <string>

#include "core/auth_service.hpp"
#include "core/clock.hpp"
#include "core/dashboard.hpp"
#include "core/event_bus.hpp"
#include "core/reference_service.hpp"
#include "core/ticket_service.hpp"
#include "net/services.hpp"
#include "storage/memory/audit_repository.hpp"
#include "storage/memory/dispatch_catalogue_repository.hpp"
#include "storage/memory/kpi_repository.hpp"
#include "storage/memory/outbox_repository.hpp"
#include "storage/memory/quality_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/settings_repository.hpp"
#include "storage/memory/ticket_repository.hpp"
#include "storage/memory/user_repository.hpp"

namespace hotline::net {

inline constexpr const char* kTestPassword = "password-123";

// Forwards to a memory repository; `get` can be made to block until released, or to throw.
class GatedTicketRepository final : public core::TicketRepository {
 public:
  // `kpi`, when given, receives the KPI records of live ticket events (as a storage bundle's does).
  explicit GatedTicketRepository(storage::memory::InMemoryKpiRepository* kpi = nullptr) : inner_(kpi) {}
  // The next `get` signals `entered` and blocks until `release` is fulfilled.
  void hold_next_get(std::promise<void>* entered, std::shared_future<void> release);
  void throw_on_next_get() { throw_next_.store(true); }

  // core::TicketRepository
  [[nodiscard]] core::Result<core::CreatedTicket> create(const core::Ticket& ticket,
                                                         const core::TicketEvent& first) override;
  [[nodiscard]] core::Result<std::int64_t> append(const core::Ticket& updated, const core::TicketEvent& event,
                                                  std::int64_t expected_version) override;
  [[nodiscard]] core::Result<std::vector<std::int64_t>> append_all(const std::vector<core::TicketAppend>& appends) override;
  [[nodiscard]] core::Result<std::vector<core::TicketId>> import_tickets(
      const std::vector<core::ImportedTicket>& batch) override;
  [[nodiscard]] core::Result<core::Ticket> get(core::TicketId id) override;
  [[nodiscard]] core::Result<core::TicketPage> list(const core::TicketQuery& query) override;
  [[nodiscard]] core::Result<std::vector<core::TicketEvent>> history(core::TicketId id) override;
  [[nodiscard]] core::Result<std::int64_t> count() override;
  [[nodiscard]] core::Result<std::optional<core::TicketId>> first_created_since(core::Timestamp from) override {
    return inner_.first_created_since(from);
  }
  [[nodiscard]] core::Result<std::vector<core::TicketId>> created_by(std::int64_t user, core::Timestamp from,
                                                                    core::Timestamp to, int limit) override {
    return inner_.created_by(user, from, to, limit);
  }
  [[nodiscard]] core::Result<std::vector<core::Ticket>> get_many(const std::vector<core::TicketId>& ids) override {
    return inner_.get_many(ids);
  }
  [[nodiscard]] core::Result<std::vector<core::TicketEvent>> events_after(std::int64_t after_id, int limit) override {
    return inner_.events_after(after_id, limit);
  }
  [[nodiscard]] core::Result<std::vector<core::PhraseHits>> find_phrases(const core::PhraseSearch& search) override {
    return inner_.find_phrases(search);
  }
  [[nodiscard]] core::Result<core::DashboardFigures> dashboard(const core::DashboardQuery& query) override {
    return inner_.dashboard(query);
  }

 private:
  storage::memory::InMemoryTicketRepository inner_;
  std::mutex mutex_;  // guards entered_ and release_
  std::promise<void>* entered_ = nullptr;
  std::shared_future<void> release_;
  std::atomic<bool> throw_next_{false};
};

class TestServices {
 public:
  TestServices();
  // With a classifier, place finder and duplicate finder for the dispatch tests (owned by the caller).
  explicit TestServices(core::DispatchAids aids);
  // With an attachment store for the upload tests (owned by the caller).
  explicit TestServices(core::AttachmentStore* attachments);
  TestServices(core::DispatchAids aids, core::AttachmentStore* attachments);
  Services services() { return Services{tickets, auth, reference, kpi, dispatch, dashboard, quality, notifier, settings}; }

  core::FixedClock clock;
  GatedTicketRepository ticket_repo;
  storage::memory::InMemoryReferenceRepository reference_repo;
  storage::memory::InMemoryUserRepository user_repo;
  storage::memory::InMemoryAuditRepository audit_repo;
  storage::memory::InMemoryKpiRepository kpi_repo;
  core::KpiService kpi{kpi_repo};
  core::ReferenceService reference{reference_repo};
  std::unique_ptr<core::PasswordHasher> hasher;
  std::unique_ptr<core::TokenGenerator> tokens;
  core::AuthService auth;
  core::InProcessEventBus events;  // what `tickets` commits; a test subscribes what it needs
  core::TicketService tickets;
  storage::memory::InMemoryDispatchCatalogueRepository catalogue_repo;
  core::DispatchMetrics dispatch_metrics;
  core::DispatchService dispatch;
  core::DashboardService dashboard{ticket_repo, clock, std::string(R"({"type":"FeatureCollection","features":[]})")};
  storage::memory::InMemoryQualityRepository quality_repo;
  core::QualityService quality{quality_repo, ticket_repo, user_repo, audit_repo, clock};
  storage::memory::InMemoryOutboxRepository outbox_repo;
  core::Notifier notifier{outbox_repo, audit_repo, clock};
  storage::memory::InMemorySettingsRepository settings_repo;
  core::SettingsService settings{settings_repo, kpi_repo, tickets, audit_repo, clock};
};

}  // namespace hotline::net
