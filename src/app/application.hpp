#pragma once
// Composition root: opens the storage bundle (`open_storage`: SQLite by default), builds the core
// services and the HTTP server, and runs until SIGINT/SIGTERM. The only place (with cli/) that names concrete types.
// Not thread-safe itself; construct and run from `main`.

#include <chrono>
#include <functional>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/auth_service.hpp"
#include "core/dispatch_metrics.hpp"
#include "core/dispatch_service.hpp"
#include "core/event_bus.hpp"
#include "core/kpi_service.hpp"
#include "core/portal_service.hpp"
#include "core/portal_tracking.hpp"
#include "core/notifier.hpp"
#include "core/settings_service.hpp"
#include "core/quality_service.hpp"
#include "core/reference_service.hpp"
#include "core/storage.hpp"
#include "core/ticket_service.hpp"
#include "net/ws/websocket_options.hpp"

namespace hotline::adapters {
class ModelClassifier;
class DivisionPlaceFinder;
class IndexDuplicateFinder;
class SodiumChallengeCrypto;
}  // namespace hotline::adapters

namespace hotline::app {

struct ServeOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  int worker_threads = 64;
  // Open tickets held by the in-memory duplicate index (the newest are kept).
  std::size_t duplicate_capacity = core::kDefaultDuplicateCapacity;
  // The live event stream, GET /api/v1/events.
  net::ws::WebSocketOptions events;
  std::size_t events_max_connections_per_user = 8;
  // Session lifetime and idle timeout (`core::SessionPolicy`), set on the AuthService by `serve`.
  core::SessionPolicy sessions;
  // The built staff web app (web/dist of the repository), read once at start and served at
  // /desk/; when the folder is missing the server starts anyway, warns, and /desk/ says "not built".
  std::string web_root = "web/dist";
  // The district boundaries (GeoJSON) of GET /api/v1/map/districts, read once at start; empty: none
  // (404). An unreadable file is a startup error.
  std::string map_geojson;
  // The body limit of POST /api/v1/tickets/{id}/attachments (the one route above the 1 MiB one).
  std::size_t max_attachment_bytes = 10 << 20;
  // The SMS gateway's request template (adapters/sms_template.hpp), read once at start; empty:
  // no sender, messages to citizens stay pending in the outbox. A bad file is a startup error.
  std::string sms_template;
  // Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For names the client for the
  // portal's rate limits and the sign-in throttle (net/client_address.hpp); none: the socket's peer.
  std::vector<std::string> trusted_proxies;
  // Leading zero bits of the portal's proof of work (core/proof_of_work.hpp), 0..32.
  int portal_difficulty = core::ProofOfWorkPolicy{}.difficulty;
};

// Where the attachments of `db` live when `--attachments` names no folder: `<file>.attachments`
// next to a SQLite file; empty for the memory backend (an in-memory store).
std::string default_attachments_dir(const std::string& db);

// Splits "host:port"; throws std::runtime_error on a malformed value.
void parse_listen(const std::string& listen, ServeOptions& options);

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and in every thread it starts
// afterwards, so that `Application::serve` can collect them with sigwait. Call it before constructing the
// Application that will serve: the database starts threads, and a thread that does not block the
// signals would be killed by them instead.
void block_stop_signals();

// The wired object graph over one storage bundle; owns everything it creates.
class Application {
 public:
  // Opens (creating if needed) and migrates the storage `db` names (see storage_factory.hpp: a
  // SQLite path, sqlite:PATH, memory:), then loads reference data into memory.
  // Throws std::runtime_error with a one-line message on failure.
  // `attachments_dir`: the folder of the ticket attachments' files; empty takes
  // `default_attachments_dir(db)` (memory: the files live in memory with the tickets).
  explicit Application(const std::string& db, bool fast_password_hashing = false, std::string attachments_dir = {});
  ~Application();

  core::TicketService& tickets() { return *tickets_; }
  core::AuthService& auth() { return *auth_; }
  core::ReferenceService& reference() { return *reference_; }
  core::KpiService& kpi() { return *kpi_; }
  // The repositories, for reads the services do not offer (training from past dispatches).
  core::Storage& storage() { return *storage_; }
  core::DispatchService& dispatch() { return *dispatch_; }
  core::QualityService& quality() { return *quality_; }
  // Messages to citizens: stored in the outbox, sent by the outbox worker while serving.
  core::Notifier& notifier() { return *notifier_; }
  core::SettingsService& settings() { return *settings_; }

  // Loads the classifier model for dispatch suggestions (replacing any). Without one, tickets
  // register "unclassified". Throws std::runtime_error when the file is missing or not a model.
  void load_model(const std::string& path);
  bool has_model() const;
  // Loads the model of lead units learned from past dispatches (`hotline train --target unit`),
  // which then weighs in every dispatch suggestion. Throws like `load_model`.
  void load_unit_model(const std::string& path);
  // Where `reload_models` reads the models from (empty: that model is not reloaded).
  void set_model_paths(std::string model, std::string unit_model);
  // Reloads each model whose file exists; a missing or unreadable file keeps the current model
  // (logged). Safe while serving: classifications in flight keep the model they started with.
  void reload_models();
  const core::Clock& clock() const { return *clock_; }

  // Serves HTTP until SIGINT or SIGTERM (see block_stop_signals), then shuts down gracefully;
  // SIGHUP meanwhile calls `reload_models`.
  // The web app is read from `options.web_root` first (throws std::runtime_error when the folder
  // exists but cannot be read). While serving, an `UptimeHeartbeat` records the service time for
  // the availability KPI, and an `OutboxWorker` sends the outbox with the sender of
  // `options.sms_template` (none: the worker does not run). `on_listening` is called with the
  // bound port once accepting.
  void serve(const ServeOptions& options, const std::function<void(unsigned short)>& on_listening = {});

 private:
  void build_dispatch();  // classifier, place finder, duplicate finder, DispatchService
  // Places are read against the city at the root of the unit tree (kind city, its NBS code such
  // as 4401 naming its divisions in data/divisions); none when the tree has no city. Runs after
  // every reload of reference data, so seeding or editing the tree re-targets it.
  void follow_city();

  std::unique_ptr<core::Clock> clock_;
  std::unique_ptr<core::Storage> storage_;
  std::unique_ptr<core::AttachmentStore> attachments_;
  std::unique_ptr<core::PasswordHasher> hasher_;
  std::unique_ptr<core::TokenGenerator> tokens_;
  std::unique_ptr<core::ReferenceService> reference_;
  core::InProcessEventBus events_;  // single node: committed ticket events -> the WebSocket hub
  std::unique_ptr<core::TicketService> tickets_;
  std::unique_ptr<core::AuthService> auth_;
  std::unique_ptr<adapters::ModelClassifier> classifier_;
  std::unique_ptr<adapters::ModelClassifier> unit_classifier_;
  std::string model_path_;       // for reload_models
  std::string unit_model_path_;
  std::unique_ptr<adapters::DivisionPlaceFinder> places_;
  std::mutex places_mutex_;  // serialises follow_city
  std::unique_ptr<adapters::IndexDuplicateFinder> duplicates_;
  core::DispatchMetrics dispatch_metrics_;
  std::unique_ptr<core::DispatchService> dispatch_;
  std::unique_ptr<core::KpiService> kpi_;
  std::unique_ptr<core::QualityService> quality_;
  std::unique_ptr<adapters::SodiumChallengeCrypto> challenge_crypto_;
  std::unique_ptr<core::PortalService> portal_;  // the citizens' portal (after dispatch_, which it registers through)
  std::unique_ptr<core::Notifier> notifier_;
  std::unique_ptr<core::SettingsService> settings_;
  std::unique_ptr<core::PortalTracking> tracking_;  // tracking on the portal (after notifier_, which sends its codes)
};

// The system clock, for production.
class SystemClock final : public core::Clock {
 public:
  core::Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace hotline::app
