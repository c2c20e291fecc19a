#include "app/application.hpp"

#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "tools/reference_data.hpp"
#include "adapters/attachment_stores.hpp"
#include "adapters/http_sms_sender.hpp"
#include "adapters/sodium_crypto.hpp"
#include "app/storage_factory.hpp"
#include "adapters/text_adapters.hpp"
#include "app/outbox_worker.hpp"
#include "app/uptime_heartbeat.hpp"
#include "core/citizen_notices.hpp"
#include "net/server.hpp"
#include "net/static_site.hpp"

namespace hotline::app {

void parse_listen(const std::string& listen, ServeOptions& options) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
    throw std::runtime_error("--listen must be HOST:PORT, got '" + listen + "'");
  unsigned port = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  auto [ptr, ec] = std::from_chars(first, last, port);
  if (ec != std::errc{} || ptr != last || port > 65535)
    throw std::runtime_error("--listen port must be 0-65535, got '" + listen.substr(colon + 1) + "'");
  options.address = listen.substr(0, colon);
  options.port = static_cast<unsigned short>(port);
}

namespace {

// SIGINT and SIGTERM stop the server; SIGHUP reloads the models.
sigset_t serve_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  return signals;
}

// Loads the model at `path` into `into` when the file exists; a missing or bad file keeps the
// model `into` has (logged).
void reload_model(adapters::ModelClassifier& into, const std::string& path, const char* what) {
  if (path.empty()) return;
  if (!std::filesystem::exists(path)) {
    spdlog::warn("{} {} not found: the current one stays", what, path);
    return;
  }
  try {
    into.set_model(text::LinearClassifier::load(path));
    spdlog::info("{} {} reloaded", what, path);
  } catch (const std::exception& e) {
    spdlog::error("{} {} not reloaded, the current one stays: {}", what, path, e.what());
  }
}

// The web app's files, read once; a missing folder is a warning, not an error (an API-only
// deployment, or a checkout where the front end was not built yet).
std::shared_ptr<const net::StaticSite> load_web_app(const std::string& root) {
  auto site = std::make_shared<const net::StaticSite>(net::StaticSite::load(root));
  if (site->available()) {
    spdlog::info("web app: {} files ({} KiB) from {} served at /desk/ (the portal at /)", site->file_count(), site->total_bytes() / 1024,
                 root);
  } else if (site->file_count() == 0) {
    spdlog::warn("web app folder {} not found or empty: /desk/ answers 404 until it is built (`make web`)", root);
  } else {
    spdlog::warn("web app folder {} has no index.html: /desk/ answers 404 until it is built (`make web`)", root);
  }
  return site;
}

// The GeoJSON text of `path`, nullopt when none is configured; throws when it cannot be read.
std::optional<std::string> load_district_boundaries(const std::string& path) {
  if (path.empty()) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read --map-geojson " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  spdlog::info("district boundaries: {} ({} KiB) served at /api/v1/map/districts", path, text.size() / 1024);
  return text;
}

// The sender of the outbox: the HTTP gateway of the template file `path`, or none when empty.
// Throws when the file cannot be read or is not a valid template (a startup error).
std::unique_ptr<core::MessageSender> load_sms_sender(const std::string& path) {
  if (path.empty()) {
    spdlog::info("no SMS sender (see `hotline serve --sms-template`): messages to citizens stay in the outbox");
    return std::make_unique<adapters::NoSender>();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read --sms-template " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto sms = adapters::parse_sms_template(text);
  if (!sms) throw std::runtime_error("--sms-template " + path + ": " + sms.error().message);
  spdlog::info("SMS gateway: {} http://{}:{}{}", sms->method, sms->host, sms->port, sms->target.substr(0, sms->target.find('?')));
  return std::make_unique<adapters::HttpSmsSender>(std::move(*sms));
}

}  // namespace

void block_stop_signals() {
  sigset_t signals = serve_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

std::string default_attachments_dir(const std::string& db) {
  const auto location = parse_storage_location(db);
  if (location.backend != StorageBackend::sqlite) return {};
  return location.path + ".attachments";
}

Application::Application(const std::string& db, bool fast_password_hashing, std::string attachments_dir) {
  adapters::init_sodium();
  clock_ = std::make_unique<SystemClock>();
  storage_ = open_storage(db);
  if (attachments_dir.empty()) attachments_dir = default_attachments_dir(db);
  // The folder is created with the first upload: commands that never serve leave no trace.
  if (attachments_dir.empty()) attachments_ = std::make_unique<adapters::InMemoryAttachmentStore>();
  else attachments_ = std::make_unique<adapters::FilesystemAttachmentStore>(attachments_dir);
  hasher_ = std::make_unique<adapters::SodiumPasswordHasher>(fast_password_hashing);
  tokens_ = std::make_unique<adapters::SodiumTokenGenerator>();
  reference_ = std::make_unique<core::ReferenceService>(storage_->reference());
  places_ = std::make_unique<adapters::DivisionPlaceFinder>();
  reference_->on_reload([this](const core::ReferenceSnapshot&) { follow_city(); });
  reference_->audit_changes(storage_->audit(), *clock_);
  if (auto loaded = reference_->reload(); !loaded)
    throw std::runtime_error("cannot load reference data: " + loaded.error().message);
  tickets_ = std::make_unique<core::TicketService>(storage_->tickets(), storage_->audit(), *reference_, *clock_,
                                                   core::DeadlinePolicy{}, &events_, attachments_.get());
  auth_ = std::make_unique<core::AuthService>(storage_->users(), storage_->audit(), *reference_, *hasher_, *tokens_,
                                              *clock_);
  kpi_ = std::make_unique<core::KpiService>(storage_->kpi());
  quality_ = std::make_unique<core::QualityService>(storage_->quality(), storage_->tickets(), storage_->users(),
                                                    storage_->audit(), *clock_);
  notifier_ = std::make_unique<core::Notifier>(storage_->outbox(), storage_->audit(), *clock_);
  settings_ = std::make_unique<core::SettingsService>(storage_->settings(), storage_->kpi(), *tickets_,
                                                      storage_->audit(), *clock_);
  // The deadline policy the console stored (the defaults when none), before the first ticket.
  if (auto loaded = settings_->load(); !loaded)
    throw std::runtime_error("cannot load the settings: " + loaded.error().message);
  build_dispatch();
  challenge_crypto_ = std::make_unique<adapters::SodiumChallengeCrypto>();
  portal_ = std::make_unique<core::PortalService>(*dispatch_, *tickets_, *challenge_crypto_, *clock_);
  tracking_ = std::make_unique<core::PortalTracking>(storage_->tickets(), *tickets_, *reference_, *notifier_,
                                                     *challenge_crypto_, *clock_);
}

void Application::build_dispatch() {
  classifier_ = std::make_unique<adapters::ModelClassifier>();
  // The category's words already say why; the learned units' own words would double the cost
  // of every registration for little more.
  unit_classifier_ = std::make_unique<adapters::ModelClassifier>(std::size_t{0});
  duplicates_ = std::make_unique<adapters::IndexDuplicateFinder>();
  duplicates_->set_archive(&storage_->tickets());  // the part of the 30 days the in-memory index cannot hold
  dispatch_ = std::make_unique<core::DispatchService>(
      *tickets_, storage_->tickets(), storage_->dispatch_catalogue(), *reference_,
      core::DispatchAids{classifier_.get(), places_.get(), duplicates_.get(), unit_classifier_.get()},
      dispatch_metrics_);
  dispatch_->audit_changes(storage_->audit(), *clock_);
  if (auto loaded = dispatch_->reload(); !loaded)
    throw std::runtime_error("cannot load the dispatch catalogue: " + loaded.error().message);
}

void Application::follow_city() {
  std::lock_guard lock(places_mutex_);
  // The newest snapshot, not the one of the reload that called: two reloads racing may call
  // in either order, and the last call must leave the newest city.
  const std::string city = tools::city_of(reference_->snapshot()->units);
  if (city == places_->city_code()) return;
  places_->clear();
  if (city.empty()) {
    spdlog::info("no city at the root of the unit tree: places are not read from message text");
    return;
  }
  const std::string divisions = tools::default_data_dir() + "/divisions";
  try {
    auto divisions_of_city = text::read_city_divisions(divisions, city);
    places_->set_city(divisions_of_city);
    spdlog::info("places are read against the {} districts and streets of {} ({})", divisions_of_city.divisions.size(),
                 divisions_of_city.city_name, city);
  } catch (const std::runtime_error& e) {
    // Not fatal: tickets still register, with the place the agent gives.
    spdlog::warn("city {} at the root of the unit tree: {}; places are not read from message text", city, e.what());
  }
}

void Application::load_model(const std::string& path) {
  classifier_->set_model(text::LinearClassifier::load(path));
  spdlog::info("classifier model {} loaded", path);
}

void Application::set_model_paths(std::string model, std::string unit_model) {
  model_path_ = std::move(model);
  unit_model_path_ = std::move(unit_model);
}

void Application::reload_models() {
  reload_model(*classifier_, model_path_, "classifier model");
  reload_model(*unit_classifier_, unit_model_path_, "unit model");
}

bool Application::has_model() const { return classifier_->has_model(); }

void Application::load_unit_model(const std::string& path) {
  unit_classifier_->set_model(text::LinearClassifier::load(path));
  spdlog::info("unit model {} loaded: suggestions also weigh the units of past dispatches", path);
}

Application::~Application() = default;

void Application::serve(const ServeOptions& options, const std::function<void(unsigned short)>& on_listening) {
  // glibc gives every thread that allocates its own arena; with dozens of pool threads the
  // fragments alone cost tens of MB of RSS. A few shared arenas are plenty on a small machine.
  mallopt(M_ARENA_MAX, 4);
  // Threads started from here on inherit the blocked mask; this thread collects them below.
  block_stop_signals();
  sigset_t signals = serve_signals();
  auth_->set_session_policy(options.sessions);  // before the first request

  net::ServerOptions server_options;
  server_options.address = options.address;
  server_options.port = options.port;
  server_options.io_threads = options.io_threads;
  server_options.worker_threads = options.worker_threads;
  server_options.events = options.events;
  server_options.max_attachment_bytes = options.max_attachment_bytes;
  server_options.events_max_connections_per_user = options.events_max_connections_per_user;
  auto proxies = net::TrustedProxies::parse(options.trusted_proxies);
  if (!proxies) throw std::runtime_error("--trusted-proxy: " + proxies.error().message);
  server_options.trusted_proxies = std::move(*proxies);
  if (options.portal_difficulty < 0 || options.portal_difficulty > 32)
    throw std::runtime_error("--portal-difficulty: " + std::to_string(options.portal_difficulty) +
                             " is not a number of bits from 0 to 32");
  if (options.portal_difficulty != core::ProofOfWorkPolicy{}.difficulty) {
    core::PortalPolicy policy;
    policy.proof_of_work.difficulty = options.portal_difficulty;
    portal_ = std::make_unique<core::PortalService>(*dispatch_, *tickets_, *challenge_crypto_, *clock_, policy);
  }
  if (!classifier_->has_model())
    spdlog::warn("no classifier model: new tickets register unclassified (see `hotline serve --model`)");
  duplicates_->set_capacity(options.duplicate_capacity);
  if (auto indexed = dispatch_->index_recent_open_tickets(clock_->now(), duplicates_->capacity()); indexed) {
    spdlog::info("duplicate index: {} open tickets of the last 30 days", *indexed);
  } else {
    spdlog::warn("duplicate index not filled: {}", indexed.error().message);
  }
  server_options.web_app = load_web_app(options.web_root);
  auto sender = load_sms_sender(options.sms_template);
  core::DashboardService dashboard(storage_->tickets(), *clock_, load_district_boundaries(options.map_geojson));
  net::Server server(server_options, net::Services{*tickets_, *auth_, *reference_, *kpi_, *dispatch_, dashboard, *quality_, *notifier_,
                                                   *settings_, portal_.get(), tracking_.get()},
                     &events_);
  // Portal requests are told when they are registered and replied (through the outbox). Only while
  // serving: a demo seed or an import sends nobody a message.
  core::CitizenNotices notices(storage_->tickets(), *notifier_);
  core::Subscription notices_subscription = events_.subscribe([&notices](const std::shared_ptr<const core::PublishedEvent>& e) {
    if (auto told = notices.on_event(*e); !told)
      spdlog::warn("ticket {}: the citizen's message was not stored: {}", e->ticket.id, told.error().message);
  });
  unsigned short port = server.start();
  UptimeHeartbeat heartbeat(storage_->kpi(), *clock_);
  heartbeat.start();
  core::DeliveryOptions delivery;
  delivery.worker = outbox_worker_name();
  OutboxWorker outbox_worker(storage_->outbox(), *sender, *clock_, delivery);
  outbox_worker.start();
  spdlog::info("hotline listening on http://{}:{}", options.address, port);
  if (on_listening) on_listening(port);

  int received = 0;
  for (;;) {
    sigwait(&signals, &received);
    if (received != SIGHUP) break;
    // Retrained models (`hotline train --from-db`) take over without a restart; requests in
    // flight finish with the model they started with.
    spdlog::info("SIGHUP received: reloading the models");
    reload_models();
  }
  spdlog::info("signal {} received, finishing in-flight requests", received);
  server.stop(std::chrono::seconds{10});
  server.wait();
  outbox_worker.stop();
  heartbeat.stop();
  spdlog::info("hotline stopped");
}

}  // namespace hotline::app
