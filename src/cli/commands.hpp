#pragma once
// Registration of the server subcommands (the text ones are in text_commands.hpp). Each function adds its subcommands to the root app; the callbacks
// throw std::runtime_error with a one-line message on failure, which main prints.

#include "core/ticket_event.hpp"

namespace CLI {
class App;
}

namespace hotline::cli {

// Who acts when a subcommand writes through a core service: the operator at the server's console,
// who may do what an administrator may (they hold the database file anyway).
inline core::Actor console_actor() { return core::Actor{0, "console", core::Role::admin, {}}; }

// The help of every `--db` option: one value names the backend (app/storage_factory.hpp).
inline constexpr const char* kDbHelp = "database: a SQLite file (or sqlite:PATH), memory:, or postgres://...";

// serve, migrate, user add, units, demo
void add_server_commands(CLI::App& app);

}  // namespace hotline::cli
