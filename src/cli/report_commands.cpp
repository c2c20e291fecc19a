#include "cli/report_commands.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>

#include "tools/record_file_source.hpp"
#include "tools/replay_year.hpp"
#include "tools/year_spec.hpp"
#include "core/kpi_service.hpp"
#include "reporting/kpi_report.hpp"
#include "reporting/report_writers.hpp"
#include "app/storage_factory.hpp"
#include "cli/commands.hpp"
#include "core/storage.hpp"
#include "wire/kpi_json.hpp"

namespace hotline::cli {
namespace {

struct ImportArgs {
  std::string db = "hotline.db";
  std::string kind;
  std::string file;
};

struct ReportArgs {
  std::string db = "hotline.db";
  int year = 0;
  int month = 0;
  std::string format = "table";
  std::string output;
  bool recompute = false;
  bool proportional = true;
};

struct InputsArgs {
  std::string db = "hotline.db";
  int year = 0;
  std::string file;
};

struct ReplayArgs {
  std::string spec = tools::default_year_spec_path();
  std::string db = "hotline.db";
  double scale = 1.0;
  std::uint64_t seed = 2023;
  bool progress = true;
};

template <typename T>
T value_or_throw(core::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().message);
  return std::move(result.value());
}

void ok_or_throw(const core::Result<void>& result) {
  if (!result) throw std::runtime_error(result.error().message);
}

std::unique_ptr<core::Storage> open_existing(const std::string& db) {
  if (!app::storage_exists(db)) throw std::runtime_error("database " + db + " does not exist");
  return app::open_storage(db);
}

void emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + output);
}

std::string xlsx_path(const ReportArgs& args) {
  if (args.output.empty()) throw std::runtime_error("--format xlsx needs --output FILE.xlsx");
  return args.output;
}

void run_import(const ImportArgs& args) {
  auto kind = core::parse_kpi_record_kind(args.kind);
  if (!kind) throw std::runtime_error("unknown record kind '" + args.kind +
                                      "' (call, dialogue, ticket, dispatch, intake_rating, result_rating, callback, platform)");
  tools::RecordFileSource source(*kind, args.file);
  auto storage = app::open_storage(args.db);
  core::KpiService kpi(storage->kpi());
  auto summary = value_or_throw(kpi.import(console_actor(), source));
  std::cout << "imported " << summary.records << " " << args.kind << " records from " << args.file << "\n";
}

reporting::KpiReport load_report(core::Storage& storage, const ReportArgs& args) {
  std::optional<int> month;
  if (args.month != 0) month = args.month;
  return value_or_throw(
      reporting::load_kpi_report(storage.kpi(), args.year, storage.kpi_config(), args.recompute, month));
}

void run_report_kpi(const ReportArgs& args) {
  auto database = open_existing(args.db);
  auto report = load_report(*database, args);
  if (args.format == "json") emit(reporting::kpi_json(report), args.output);
  else if (args.format == "csv") emit(reporting::render_csv(reporting::kpi_tables(report)), args.output);
  else if (args.format == "xlsx") ok_or_throw(reporting::write_xlsx(reporting::kpi_tables(report), xlsx_path(args)));
  else emit(reporting::render_text(reporting::kpi_tables(report)), args.output);
}

void run_report_evaluation(const ReportArgs& args) {
  auto database = open_existing(args.db);
  ReportArgs year_args = args;
  year_args.month = 0;
  auto report = load_report(*database, year_args);
  auto inputs = value_or_throw(database->kpi().evaluation_inputs(args.year));
  if (!inputs)
    throw std::runtime_error("no management scores entered for " + std::to_string(args.year) +
                             " (enter them through the API or replay a year spec)");
  core::EvaluationRules rules;
  rules.below_target = args.proportional ? core::BelowTargetRule::proportional : core::BelowTargetRule::zero;
  auto evaluation = value_or_throw(reporting::evaluate_year(report, *inputs, rules));
  if (args.format == "json") emit(reporting::evaluation_json(evaluation), args.output);
  else if (args.format == "xlsx") {
    auto tables = reporting::kpi_tables(report);
    tables.push_back(reporting::evaluation_table(evaluation));
    ok_or_throw(reporting::write_xlsx(tables, xlsx_path(args)));
  } else {
    emit(reporting::render_text({reporting::evaluation_table(evaluation)}), args.output);
  }
}

void run_replay(const ReplayArgs& args) {
  if (!(args.scale > 0) || args.scale > 10) throw std::runtime_error("--scale must be in (0, 10]");
  auto spec = tools::scale_year_spec(tools::load_year_spec(args.spec), args.scale);
  auto storage = app::open_storage(args.db);
  auto started = std::chrono::steady_clock::now();
  auto last_draw = started - std::chrono::seconds{1};
  tools::ReplayOptions options;
  options.seed = args.seed;
  if (args.progress) {
    options.on_progress = [&](const tools::ReplayProgress& progress) {
      auto now = std::chrono::steady_clock::now();
      if (now - last_draw < std::chrono::milliseconds{250} && progress.records_done < progress.records_total) return;
      last_draw = now;
      double share = progress.records_total ? static_cast<double>(progress.records_done) /
                                                  static_cast<double>(progress.records_total)
                                            : 1.0;
      int filled = static_cast<int>(share * 40);
      double elapsed = std::chrono::duration<double>(now - started).count();
      std::fprintf(stderr, "\r[%-40s] %5.1f%% %.1f/%.1f M records %.0f s", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   share * 100, static_cast<double>(progress.records_done) / 1e6,
                   static_cast<double>(progress.records_total) / 1e6, elapsed);
    };
  }
  auto summary = value_or_throw(tools::replay_year(storage->kpi(), spec, storage->kpi_config(), options));
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (args.progress) std::fprintf(stderr, "\n");
  std::cout << "replayed " << spec.year << ": " << summary.records << " records in " << elapsed << " s into "
            << args.db << "\n";
}

// Stores the management items and budget people entered, from the JSON of
// PUT /api/v1/evaluation-inputs/{year}.
void run_report_inputs(const InputsArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + args.file);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto inputs = wire::decode_evaluation_inputs(args.year, body);
  if (!inputs) throw std::runtime_error(args.file + ": " + inputs.error().message);
  auto database = open_existing(args.db);
  core::KpiService kpi(database->kpi());
  ok_or_throw(kpi.put_evaluation_inputs(console_actor(), *inputs));  // validates first
  std::cout << "stored the evaluation inputs of " << args.year << " in " << args.db << "\n";
}

void add_report_options(CLI::App& cmd, ReportArgs& args, const std::string& formats) {
  cmd.add_option("--db", args.db, kDbHelp)->capture_default_str();
  cmd.add_option("--year", args.year, "year to report")->required()->check(CLI::Range(2000, 2100));
  cmd.add_option("--format", args.format, "output format: " + formats)->capture_default_str();
  cmd.add_option("--output,-o", args.output, "write to FILE instead of stdout (required for xlsx)");
  cmd.add_flag("--recompute", args.recompute, "compute from the raw records instead of the stored counters (audit)");
}

}  // namespace

void add_report_commands(CLI::App& app) {
  auto import_args = std::make_shared<ImportArgs>();
  auto* import = app.add_subcommand("import", "Import KPI records (CSV with a header row, or JSON Lines)");
  import->add_option("kind", import_args->kind,
                     "call, dialogue, ticket, dispatch, intake_rating, result_rating, callback, platform")
      ->required();
  import->add_option("file", import_args->file, "FILE.csv or FILE.jsonl")->required();
  import->add_option("--db", import_args->db, kDbHelp)->capture_default_str();
  import->callback([import_args] { run_import(*import_args); });

  auto* report = app.add_subcommand("report", "KPI reports and the yearly evaluation");
  report->require_subcommand(1);
  auto kpi_args = std::make_shared<ReportArgs>();
  auto* kpi = report->add_subcommand("kpi", "The eight KPIs per month and year (seed tables 6-15)");
  add_report_options(*kpi, *kpi_args, "table|json|csv|xlsx");
  kpi->add_option("--month", kpi_args->month, "only this month (1-12)")->check(CLI::Range(1, 12));
  kpi->callback([kpi_args] {
    if (kpi_args->format != "table" && kpi_args->format != "json" && kpi_args->format != "csv" &&
        kpi_args->format != "xlsx")
      throw std::runtime_error("unknown format '" + kpi_args->format + "' (table, json, csv, xlsx)");
    run_report_kpi(*kpi_args);
  });
  auto evaluation_args = std::make_shared<ReportArgs>();
  auto* evaluation = report->add_subcommand("evaluation", "The yearly evaluation (seed table 16)");
  add_report_options(*evaluation, *evaluation_args, "table|json|xlsx");
  evaluation->add_flag("!--zero-below-target", evaluation_args->proportional,
                       "no points for a KPI below target (default: proportional)");
  evaluation->callback([evaluation_args] {
    if (evaluation_args->format != "table" && evaluation_args->format != "json" && evaluation_args->format != "xlsx")
      throw std::runtime_error("unknown format '" + evaluation_args->format + "' (table, json, xlsx)");
    run_report_evaluation(*evaluation_args);
  });

  auto inputs_args = std::make_shared<InputsArgs>();
  auto* inputs = report->add_subcommand("inputs", "Enter the management items and budget of a year (JSON file)");
  inputs->add_option("--db", inputs_args->db, kDbHelp)->capture_default_str();
  inputs->add_option("--year", inputs_args->year, "year")->required()->check(CLI::Range(2000, 2100));
  inputs->add_option("--file", inputs_args->file,
                     "JSON: {\"budget_initial\":…,\"budget_final\":…,\"management\":{\"<三级指标>\":score,…}}")
      ->required();
  inputs->callback([inputs_args] { run_report_inputs(*inputs_args); });

  auto replay_args = std::make_shared<ReplayArgs>();
  auto* replay = app.add_subcommand("replay-year", "Generate and import a year of raw KPI records from a spec");
  replay->add_option("--spec", replay_args->spec, "year spec (JSON)")->capture_default_str();
  replay->add_option("--db", replay_args->db, kDbHelp)->capture_default_str();
  replay->add_option("--scale", replay_args->scale, "multiply every count by this")->capture_default_str();
  replay->add_option("--seed", replay_args->seed, "random seed")->capture_default_str();
  replay->add_flag("!--no-progress", replay_args->progress, "no progress bar");
  replay->callback([replay_args] { run_replay(*replay_args); });
}

}  // namespace hotline::cli
