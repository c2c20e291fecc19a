#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "app/application.hpp"
#include "tools/demo_seed.hpp"
#include "tools/dispatch_setup.hpp"
#include "tools/reference_data.hpp"
#include "app/storage_factory.hpp"
#include "cli/commands.hpp"

namespace hotline::cli {
namespace {

namespace fs = std::filesystem;

struct ServeArgs {
  std::string db = "hotline.db";
  std::string listen = "127.0.0.1:8080";
  int io_threads = 2;
  int worker_threads = 64;
  std::string model;  // empty: the database's sibling .model file, if present
  std::string unit_model;  // empty: the database's sibling .units.model file, if present
  std::size_t duplicate_capacity = app::ServeOptions{}.duplicate_capacity;
  std::size_t events_max_per_user = app::ServeOptions{}.events_max_connections_per_user;
  std::size_t events_queue = net::ws::WebSocketOptions{}.max_queued_messages;
  std::size_t events_queue_bytes = net::ws::WebSocketOptions{}.max_queued_bytes;
  int events_send_buffer = net::ws::WebSocketOptions{}.send_buffer_bytes;
  int events_idle_timeout = static_cast<int>(net::ws::WebSocketOptions{}.idle_timeout.count());
  int events_auth_timeout = static_cast<int>(net::ws::WebSocketOptions{}.auth_timeout.count());
  int events_reauth_interval = static_cast<int>(net::ws::WebSocketOptions{}.reauth_interval.count());
  int events_replay_limit = net::ws::WebSocketOptions{}.replay_limit;
  int session_lifetime_minutes = static_cast<int>(
      std::chrono::duration_cast<std::chrono::minutes>(core::SessionPolicy{}.lifetime).count());
  int session_idle_minutes = static_cast<int>(
      std::chrono::duration_cast<std::chrono::minutes>(core::SessionPolicy{}.idle_timeout).count());
  std::string web_root = app::ServeOptions{}.web_root;
  std::string map_geojson;
  std::string sms_template;  // empty: no sender, messages stay in the outbox
  std::vector<std::string> trusted_proxies;
  int portal_difficulty = app::ServeOptions{}.portal_difficulty;
  std::string attachments;  // empty: app::default_attachments_dir(db)
  std::size_t max_attachment_bytes = app::ServeOptions{}.max_attachment_bytes;
};

struct UserArgs {
  std::string db = "hotline.db";
  std::string username;
  std::string role;
  std::string unit;
  std::string name;
  std::string password;
};

struct UnitsArgs {
  std::string db = "hotline.db";
  std::string city;
  std::string data_dir = tools::default_data_dir();
};

struct CalendarImportArgs {
  std::string db = "hotline.db";
  std::string file;
  int year = 0;
};

struct DemoArgs {
  std::string db = "demo/hotline.db";
  std::string data_dir = tools::default_data_dir();
  std::string listen = "127.0.0.1:8080";
  long long tickets = 3000;
  unsigned seed = 12345;
  bool force = false;
  bool serve = true;
  std::string web_root = app::ServeOptions{}.web_root;
};

constexpr const char* kWebRootHelp =
    "folder of the built web apps: the staff desk at /desk/, the citizens' portal at / (built by `make web`; "
    "when missing the server still starts and both answer 404)";

void add_serve_options(CLI::App& cmd, ServeArgs& args) {
  cmd.add_option("--db", args.db, kDbHelp)->capture_default_str();
  cmd.add_option("--listen", args.listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  cmd.add_option("--io-threads", args.io_threads, "network threads")->check(CLI::Range(1, 64))->capture_default_str();
  cmd.add_option("--workers", args.worker_threads, "blocking-pool threads for core calls")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd.add_option("--model", args.model, "classifier model for dispatch suggestions (default: DB with .model, if present)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--unit-model", args.unit_model,
                 "model of lead units learned from past dispatches (hotline train --target unit; "
                 "default: DB with .units.model, if present)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--duplicate-capacity", args.duplicate_capacity,
                 "open tickets held by the in-memory duplicate index, newest first (~2.6 KB each); "
                 "older ones of the 30-day window are searched in the database")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000000}))
      ->capture_default_str();
  cmd.add_option("--events-max-per-user", args.events_max_per_user,
                 "event stream (GET /api/v1/events): connections per user; further ones are closed")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
      ->capture_default_str();
  cmd.add_option("--events-queue", args.events_queue,
                 "event stream: messages queued per connection before a slow client is closed")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  cmd.add_option("--events-queue-bytes", args.events_queue_bytes, "event stream: the same limit in bytes")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30))
      ->capture_default_str();
  cmd.add_option("--events-send-buffer", args.events_send_buffer,
                 "event stream: socket send buffer per connection (bytes the kernel holds for a slow reader)")
      ->check(CLI::Range(4096, 16 << 20))
      ->capture_default_str();
  cmd.add_option("--events-idle-timeout", args.events_idle_timeout,
                 "event stream: seconds without a sign of the client before it is closed (pinged at half)")
      ->check(CLI::Range(2, 3600))
      ->capture_default_str();
  cmd.add_option("--events-replay-limit", args.events_replay_limit,
                 "event stream: events replayed from storage on resume; beyond them the client gets a reset")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd.add_option("--events-auth-timeout", args.events_auth_timeout,
                 "event stream: seconds a browser has to send its auth message")
      ->check(CLI::Range(1, 60))
      ->capture_default_str();
  cmd.add_option("--events-reauth-interval", args.events_reauth_interval,
                 "event stream: seconds between checks of a live session's token (signed out, expired, changed "
                 "accounts are closed)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd.add_option("--session-lifetime", args.session_lifetime_minutes,
                 "minutes a sign-in lasts, however busy the session (then sign in again)")
      ->check(CLI::Range(5, 7 * 24 * 60))
      ->capture_default_str();
  cmd.add_option("--session-idle-timeout", args.session_idle_minutes,
                 "minutes without a request after which a session ends")
      ->check(CLI::Range(2, 7 * 24 * 60))
      ->capture_default_str();
  cmd.add_option("--web-root", args.web_root, kWebRootHelp)->capture_default_str();
  cmd.add_option("--map-geojson", args.map_geojson,
                 "GeoJSON of the district boundaries the deployment supplies, served at GET /api/v1/map/districts "
                 "(the dashboard's map; none by default)");
  cmd.add_option("--sms-template", args.sms_template,
                 "JSON file of the SMS gateway's HTTP request (method, url, headers, body with {phone} {text} {id}; "
                 "see data/sms-template.example.json); none by default: messages to citizens stay in the outbox, "
                 "which admins read")
      ->check(CLI::ExistingFile);
  cmd.add_option("--trusted-proxy", args.trusted_proxies,
                 "a reverse proxy (IP address or CIDR network, repeatable) whose X-Forwarded-For names the client "
                 "for the portal's rate limits and the sign-in throttle; none by default: the socket's peer");
  cmd.add_option("--portal-difficulty", args.portal_difficulty,
                 "leading zero bits of the portal's proof of work per submission (each bit doubles the citizen's "
                 "work; the default takes a phone's browser well under a second)")
      ->check(CLI::Range(0, 32))
      ->capture_default_str();
  cmd.add_option("--attachments", args.attachments,
                 "folder of the ticket attachments' files (default: <db file>.attachments next to a SQLite file; "
                 "memory: in memory)");
  cmd.add_option("--max-attachment-bytes", args.max_attachment_bytes,
                 "largest file POST /api/v1/tickets/{id}/attachments accepts (413 beyond)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
      ->capture_default_str();
}

// An explicit --model must load; the default sibling file is used when present, else the server
// runs without suggestions by category (it says so at startup). SIGHUP reloads from the same
// paths, so a model trained later (or retrained) takes over without a restart.
void load_model(app::Application& application, std::string db, const std::string& model,
                const std::string& unit_model) {
  // The sibling files sit next to a SQLite file; other backends name their models explicitly.
  const auto location = app::parse_storage_location(db);
  if (location.backend != app::StorageBackend::sqlite) {
    if (!model.empty()) application.load_model(model);
    if (!unit_model.empty()) application.load_unit_model(unit_model);
    application.set_model_paths(model, unit_model);
    return;
  }
  db = location.path;
  const std::string path = model.empty() ? tools::sibling_model_path(db) : model;
  if (!model.empty() || fs::exists(path)) application.load_model(path);
  const std::string unit_path = unit_model.empty() ? tools::sibling_unit_model_path(db) : unit_model;
  if (!unit_model.empty() || fs::exists(unit_path)) application.load_unit_model(unit_path);
  application.set_model_paths(path, unit_path);
}

void run_serve(app::Application& application, const ServeArgs& args) {
  app::ServeOptions options;
  app::parse_listen(args.listen, options);
  options.io_threads = args.io_threads;
  options.worker_threads = args.worker_threads;
  options.duplicate_capacity = args.duplicate_capacity;
  options.events_max_connections_per_user = args.events_max_per_user;
  options.events.max_queued_messages = args.events_queue;
  options.events.max_queued_bytes = args.events_queue_bytes;
  options.events.send_buffer_bytes = args.events_send_buffer;
  options.events.idle_timeout = std::chrono::seconds{args.events_idle_timeout};
  options.events.auth_timeout = std::chrono::seconds{args.events_auth_timeout};
  options.events.reauth_interval = std::chrono::seconds{args.events_reauth_interval};
  options.events.replay_limit = args.events_replay_limit;
  options.sessions.lifetime = std::chrono::minutes{args.session_lifetime_minutes};
  options.sessions.idle_timeout = std::chrono::minutes{args.session_idle_minutes};
  options.web_root = args.web_root;
  options.map_geojson = args.map_geojson;
  options.sms_template = args.sms_template;
  options.trusted_proxies = args.trusted_proxies;
  options.portal_difficulty = args.portal_difficulty;
  options.max_attachment_bytes = args.max_attachment_bytes;
  for (const auto& warning :
       core::calendar_warnings(application.reference().snapshot()->calendar, application.clock().now()))
    spdlog::warn(
        "WORKING-DAY CALENDAR: {}. Deadlines counted past it treat every weekday as a working day and are "
        "flagged deadline_beyond_calendar; load the next year's State Council notice: hotline calendar import "
        "NOTICE.txt (or PUT /api/v1/calendar/notice)",
        warning);
  application.serve(options, [&](unsigned short port) {
    // One machine-readable line for scripts and tests that start the server on port 0.
    std::cout << "listening on http://" << options.address << ":" << port << std::endl;
  });
}

void run_user_add(const UserArgs& args) {
  auto role = core::parse_role(args.role);
  if (!role) throw std::runtime_error("unknown role '" + args.role + "' (agent, dispatcher, unit_handler, callback_agent, supervisor, manager, admin)");
  std::string password = args.password;
  if (password.empty() && !std::getline(std::cin, password))
    throw std::runtime_error("no password given: use --password or pipe it on stdin");
  if (!app::storage_exists(args.db))
    throw std::runtime_error("database " + args.db + " does not exist (run hotline migrate first)");
  app::Application application(args.db);
  auto user = application.auth().add_user(core::NewUser{args.username, password, *role, args.unit, args.name});
  if (!user) {
    std::string field = user.error().field.empty() ? "" : " (" + user.error().field + ")";
    throw std::runtime_error(user.error().message + field);
  }
  std::cout << "created user " << user->username << " (id " << user->id << ", role " << core::to_string(user->role)
            << ")\n";
}

// Stores a city's districts and streets/towns as the places of the unit tree; idempotent. One
// city per database: place extraction follows the root (Application::follow_city).
void run_units(const UnitsArgs& args) {
  if (!app::storage_exists(args.db))
    throw std::runtime_error("database " + args.db + " does not exist (run hotline migrate first)");
  const auto units = tools::city_units((fs::path(args.data_dir) / "divisions").string(), args.city);
  app::Application application(args.db);
  const std::string current = tools::city_of(application.reference().snapshot()->units);
  if (!current.empty() && current != args.city)
    throw std::runtime_error("database " + args.db + " already holds the units of city " + current + " (one city per database)");
  if (auto stored = application.reference().import(units, {}, {}); !stored)
    throw std::runtime_error("storing the units failed: " + stored.error().message);
  std::size_t districts = 0;
  for (const auto& unit : units) districts += unit.kind == core::UnitKind::district ? 1 : 0;
  std::cout << args.db << ": " << units.front().name << " (" << args.city << ") with " << districts << " districts and "
            << units.size() - 1 - districts << " streets/towns; places in messages are now read against them\n";
}

void run_calendar_import(const CalendarImportArgs& args) {
  auto days = tools::read_holiday_notice(args.file, args.year);
  if (!app::storage_exists(args.db))
    throw std::runtime_error("database " + args.db + " does not exist (run hotline migrate first)");
  app::Application application(args.db);
  if (auto stored = application.reference().import({}, {}, days); !stored)
    throw std::runtime_error("storing the calendar days failed: " + stored.error().message);
  std::size_t off = 0;
  for (const auto& day : days) off += day.off_day ? 1 : 0;
  const auto& calendar = application.reference().snapshot()->calendar;
  std::cout << args.db << ": " << off << " holidays and " << days.size() - off << " make-up working days stored from "
            << args.file << "; the calendar now runs to " << core::format_date(*calendar.covered_until()) << "\n";
}

void seed_demo(app::Application& application, const DemoArgs& args) {
  auto reference = tools::load_reference_data(args.data_dir);
  if (auto stored = application.reference().import(reference.units, reference.categories, reference.calendar_days);
      !stored)
    throw std::runtime_error("storing the reference data failed: " + stored.error().message);

  tools::DemoActors actors;
  for (const auto& account : tools::demo_accounts()) {
    auto user = application.auth().add_user(
        core::NewUser{account.username, tools::kDemoPassword, account.role, account.unit_id, account.display_name});
    if (!user) throw std::runtime_error("creating demo user " + account.username + ": " + user.error().message);
    core::Actor actor{user->id, user->username, user->role, user->unit_id};
    if (account.role == core::Role::unit_handler) {
      actors.handlers[account.unit_id] = actor;
    } else {
      actors.by_role[account.role] = actor;
    }
  }

  auto rules = tools::read_dispatch_catalogue((fs::path(args.data_dir) / "catalogue" / "dispatch_catalogue.csv").string());
  if (auto stored = application.dispatch().import_rules(rules); !stored)
    throw std::runtime_error("storing the dispatch catalogue failed: " + stored.error().message);

  // Quality inspection: the default checklist and a team of the agents.
  if (auto checklist = application.storage().quality().create_checklist(tools::demo_quality_checklist()); !checklist)
    throw std::runtime_error("storing the quality checklist failed: " + checklist.error().message);
  core::QualityTeam team{tools::kDemoQualityTeam, {}};
  if (auto agent = actors.by_role.find(core::Role::agent); agent != actors.by_role.end())
    team.member_ids.push_back(agent->second.user_id);
  if (auto stored = application.storage().quality().replace_teams({team}); !stored)
    throw std::runtime_error("storing the quality team failed: " + stored.error().message);

  auto messages = tools::read_demo_messages((fs::path(args.data_dir) / "demo" / "messages.csv").string());
  // The default model: trained here from the labelled demo messages (a few seconds), next to the database.
  auto trained = tools::train_model_from_messages(messages, (fs::path(args.data_dir) / "text" / "words.tsv").string());
  trained.classifier.save(tools::sibling_model_path(args.db));
  std::cout << "classifier model " << tools::sibling_model_path(args.db) << ": " << trained.stats.documents
            << " labelled messages, " << trained.stats.labels << " labels, " << trained.classifier.dictionary_words()
            << " dictionary words\n";
  auto snapshot = application.reference().snapshot();
  constexpr long long kChunk = 20000;
  long long stored = 0;
  for (long long first = 0; first < args.tickets; first += kChunk) {
    tools::DemoOptions options;
    options.ticket_count = static_cast<int>(std::min(kChunk, args.tickets - first));
    options.seed = args.seed + static_cast<unsigned>(first / kChunk);
    options.now = application.clock().now();
    options.first_index = first;
    options.total = args.tickets;
    auto batch = tools::build_demo_tickets(messages, *snapshot, *application.tickets().policy(), actors, options);
    auto ids = application.tickets().import_tickets(batch);
    if (!ids) throw std::runtime_error("storing demo tickets failed: " + ids.error().message);
    stored += static_cast<long long>(ids->size());
    if (args.tickets > kChunk) std::cerr << "\rseeded " << stored << " / " << args.tickets << " tickets" << std::flush;
  }
  if (args.tickets > kChunk) std::cerr << "\n";
  // The units learned from the demo's own dispatches (`hotline train --target unit`): the newest
  // 5,000 dispatched tickets are plenty for a demo and keep a large seed quick.
  try {
    auto units = tools::train_unit_model(application.storage().tickets(),
                                       (fs::path(args.data_dir) / "text" / "words.tsv").string(), 5000);
    units.classifier.save(tools::sibling_unit_model_path(args.db));
    std::cout << "unit model " << tools::sibling_unit_model_path(args.db) << ": " << units.stats.documents
              << " dispatched tickets, " << units.stats.labels << " units\n";
  } catch (const std::invalid_argument& e) {
    std::cout << "no unit model: " << e.what() << "\n";  // too few dispatched tickets (e.g. --tickets 0)
  }
  std::cout << "demo database " << args.db << ": " << reference.units.size() << " units, "
            << reference.categories.size() << " categories, " << reference.calendar_days.size() << " calendar days, "
            << rules.size() << " dispatch rules, " << stored << " tickets\n";
}

void run_demo(DemoArgs args) {
  if (args.tickets < 0) throw std::runtime_error("--tickets must not be negative");
  // The demo is a file to keep and reopen: its models sit next to it.
  const auto location = app::parse_storage_location(args.db);
  if (location.backend != app::StorageBackend::sqlite)
    throw std::runtime_error("--db: the demo builds a SQLite database; give a file path (got " + args.db + ")");
  args.db = location.path;
  fs::path db(args.db);
  if (fs::exists(db)) {
    if (!args.force) throw std::runtime_error(args.db + " already exists; use --force to replace it");
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(args.db + suffix);
    fs::remove_all(app::default_attachments_dir(args.db));  // the old tickets' files go with them
  }
  fs::remove(tools::sibling_unit_model_path(args.db));  // never serve the units of another database
  if (db.has_parent_path()) fs::create_directories(db.parent_path());
  {
    // Seeding runs with the signals unblocked, so Ctrl-C stops it.
    app::Application application(args.db);
    seed_demo(application, args);
  }
  if (!args.serve) return;
  app::block_stop_signals();
  app::Application application(args.db);
  load_model(application, args.db, {}, {});
  app::ServeOptions options;
  app::parse_listen(args.listen, options);
  std::cout << "\n演示账号 demo logins (password: " << tools::kDemoPassword << "):\n";
  for (const auto& account : tools::demo_accounts()) {
    std::cout << "  " << account.username << "\t" << core::to_string(account.role)
              << (account.unit_id.empty() ? "" : " @" + account.unit_id) << "\t" << account.display_name << "\n";
  }
  std::cout << "try: curl -s -X POST http://" << options.address << ":" << options.port
            << "/api/v1/auth/login -d '{\"username\":\"agent\",\"password\":\"" << tools::kDemoPassword << "\"}'\n";
  std::cout << "staff web app: http://" << options.address << ":" << options.port << "/desk/\n";
  std::cout << "citizens' portal 市民诉求: http://" << options.address << ":" << options.port << "/\n";
  ServeArgs serve;
  serve.listen = args.listen;
  serve.web_root = args.web_root;
  run_serve(application, serve);
}

}  // namespace

void add_server_commands(CLI::App& app) {
  auto serve_args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "Serve the HTTP API");
  add_serve_options(*serve, *serve_args);
  serve->callback([serve_args] {
    if (!app::storage_exists(serve_args->db))
      throw std::runtime_error("database " + serve_args->db + " does not exist (run hotline migrate or hotline demo)");
    app::block_stop_signals();
    app::Application application(serve_args->db, false, serve_args->attachments);
    load_model(application, serve_args->db, serve_args->model, serve_args->unit_model);
    run_serve(application, *serve_args);
  });

  auto db_path = std::make_shared<std::string>("hotline.db");
  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  migrate->add_option("--db", *db_path, kDbHelp)->capture_default_str();
  migrate->callback([db_path] {
    auto storage = app::open_storage(*db_path);
    auto version = storage->migrate();
    if (!version) throw std::runtime_error("migration failed: " + version.error().message);
    std::cout << *db_path << ": schema version " << *version << "\n";
  });

  auto* user = app.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto user_args = std::make_shared<UserArgs>();
  auto* add = user->add_subcommand("add", "Add an account");
  add->add_option("--db", user_args->db, kDbHelp)->capture_default_str();
  add->add_option("--username", user_args->username, "login name")->required();
  add->add_option("--role", user_args->role, "agent|dispatcher|unit_handler|callback_agent|supervisor|manager|admin")
      ->required();
  add->add_option("--unit", user_args->unit, "unit id (unit handlers only)");
  add->add_option("--name", user_args->name, "display name");
  add->add_option("--password", user_args->password, "password (else read one line from stdin)");
  add->callback([user_args] { run_user_add(*user_args); });

  auto units_args = std::make_shared<UnitsArgs>();
  auto* units = app.add_subcommand("units", "Store a city's districts and streets/towns (data/divisions) in the unit tree");
  units->add_option("--db", units_args->db, kDbHelp)->capture_default_str();
  units->add_option("--city", units_args->city, "the city's 4-digit code (Guangzhou 4401, Changsha 4301)")->required();
  units->add_option("--data", units_args->data_dir, "the data/ folder")->capture_default_str();
  units->callback([units_args] { run_units(*units_args); });

  auto* calendar = app.add_subcommand("calendar", "The working-day calendar (holidays and make-up working days)");
  calendar->require_subcommand(1);
  auto calendar_args = std::make_shared<CalendarImportArgs>();
  auto* calendar_import = calendar->add_subcommand(
      "import", "Store a year's holidays and make-up working days from the State Council's notice (a UTF-8 text file)");
  calendar_import->add_option("FILE", calendar_args->file, "the notice's text, e.g. copied from www.gov.cn")
      ->required()
      ->check(CLI::ExistingFile);
  calendar_import->add_option("--db", calendar_args->db, kDbHelp)->capture_default_str();
  calendar_import->add_option("--year", calendar_args->year, "the year the notice is for (default: from its title)");
  calendar_import->callback([calendar_args] { run_calendar_import(*calendar_args); });

  auto demo_args = std::make_shared<DemoArgs>();
  auto* demo = app.add_subcommand("demo", "Create a demo database with real data and serve it");
  demo->add_option("--db", demo_args->db, "SQLite database file to create")->capture_default_str();
  demo->add_option("--data", demo_args->data_dir, "the data/ folder")->capture_default_str();
  demo->add_option("--listen", demo_args->listen, "HOST:PORT")->capture_default_str();
  demo->add_option("--tickets", demo_args->tickets, "number of demo tickets")->capture_default_str();
  demo->add_option("--seed", demo_args->seed, "random seed")->capture_default_str();
  demo->add_flag("--force", demo_args->force, "replace an existing database");
  demo->add_flag("--serve,!--no-serve", demo_args->serve, "serve after creating (default) or only create the database");
  demo->add_option("--web-root", demo_args->web_root, kWebRootHelp)->capture_default_str();
  demo->callback([demo_args] { run_demo(*demo_args); });
}

}  // namespace hotline::cli
