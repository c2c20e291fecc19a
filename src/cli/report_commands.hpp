#pragma once
// Registration of the KPI subcommands: `import KIND FILE`, `report kpi`, `report evaluation` and
// `replay-year`. Callbacks throw std::runtime_error with a one-line message on failure.

namespace CLI {
class App;
}

namespace hotline::cli {

void add_report_commands(CLI::App& app);

}  // namespace hotline::cli
