#include "cli/docs_commands.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/lifecycle_docs.hpp"

namespace hotline::cli {

void add_docs_commands(CLI::App& app) {
  auto* docs = app.add_subcommand("docs", "Write documentation generated from the code");
  docs->require_subcommand(1);
  auto* lifecycle =
      docs->add_subcommand("lifecycle", "The ticket lifecycle (docs/lifecycle.md) from the transition table");
  auto output = std::make_shared<std::string>();
  lifecycle->add_option("--output", *output, "file to write (default: stdout)");
  lifecycle->callback([output] {
    const std::string markdown = core::lifecycle_markdown();
    if (output->empty()) {
      std::cout << markdown;
      return;
    }
    std::ofstream out(*output, std::ios::binary | std::ios::trunc);
    out << markdown;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + *output);
  });
}

}  // namespace hotline::cli
