// `hotline`: the one program, with subcommands. Parses arguments, calls into app, and is the only
// place that decides to exit: errors print one line on stderr and exit non-zero.

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/docs_commands.hpp"
#include "cli/report_commands.hpp"
#include "cli/text_commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Hotline 12345 — 12345 政务服务便民热线平台"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for all subcommands");
  hotline::cli::add_server_commands(app);
  hotline::cli::add_text_commands(app);
  hotline::cli::add_report_commands(app);
  hotline::cli::add_docs_commands(app);
  // Argument errors are one line too (CLI11 adds a "Run with --help" line by default); --help itself
  // still prints the full help.
  app.failure_message([](const CLI::App*, const CLI::Error& e) { return "hotline: error: " + std::string(e.what()) + "\n"; });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "hotline: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
