// The seed's 2023 tables from counters and from a replayed year, and the record file importer.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "tools/record_file_source.hpp"
#include "tools/replay_year.hpp"
#include "tools/year_spec.hpp"
#include "reporting/kpi_report.hpp"
#include "storage/memory/kpi_repository.hpp"
#include "storage/sqlite/database.hpp"

namespace hotline::tools {
namespace {

using core::KpiKey;

YearSpec seed_spec() { return load_year_spec(std::string(HOTLINE_DATA_DIR) + "/kpi/gz12345-2023-kpis.json"); }

class TempDir {
 public:
  TempDir() : path_(std::filesystem::temp_directory_path() / ("hotline-kpi-app-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(SeedReport, CountersGiveThePublishedRatesAndEvaluation) {
  auto spec = seed_spec();
  auto report = reporting::build_kpi_report(2023, spec_counters(spec), spec.config);
  for (KpiKey key : core::all_kpi_keys()) {
    const auto& year = report.year_figure(key);
    EXPECT_EQ(year.rate_basis_points, std::llround(spec.published_rates[static_cast<std::size_t>(key)] * 100))
        << core::to_string(key);
    EXPECT_TRUE(year.met) << core::to_string(key);
  }
  EXPECT_EQ(report.year_figure(KpiKey::call_answer_rate).denominator, 14097337);
  EXPECT_EQ(report.year_figure(KpiKey::call_answer_rate).numerator, 13556651);
  EXPECT_EQ(report.year_figure(KpiKey::dispatch_accuracy).denominator, 5351208);
  EXPECT_EQ(report.year_figure(KpiKey::intake_satisfaction).denominator, 4609683);
  EXPECT_EQ(report.year_figure(KpiKey::first_contact_resolution).numerator, 9623230);
  // Table 9: the months add up to 5,051,554, not the printed 4,414,958; the report shows the sum.
  EXPECT_EQ(report.year_figure(KpiKey::dispatch_timeliness).denominator, 5051554);
  // Monthly rates as printed, e.g. table 8 April and table 14 December.
  EXPECT_EQ(report.month_figures(KpiKey::call_answer_rate)[3].rate_basis_points, 9535);
  EXPECT_EQ(report.month_figures(KpiKey::intake_satisfaction)[11].rate_basis_points, 9769);
  EXPECT_EQ(report.month_figures(KpiKey::online_response_timeliness)[5].rate_basis_points, 10000);

  auto evaluation = reporting::evaluate_year(report, spec.evaluation, core::EvaluationRules{});
  ASSERT_TRUE(evaluation);
  EXPECT_DOUBLE_EQ(evaluation->management_total, 99.67);
  EXPECT_DOUBLE_EQ(evaluation->results_total, 100);
  EXPECT_DOUBLE_EQ(evaluation->composite, spec.composite);
  EXPECT_EQ(evaluation->grade, spec.grade);
}

void expect_replay_matches(core::KpiRepository& repository, const YearSpec& spec) {
  auto summary = replay_year(repository, spec, core::KpiConfig{}, ReplayOptions{});
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->records, replay_record_count(spec));
  auto stored = repository.counters(spec.year);
  auto recomputed = repository.recompute(spec.year);
  ASSERT_TRUE(stored);
  ASSERT_TRUE(recomputed);
  auto expected = spec_counters(spec);
  for (std::size_t m = 0; m < 12; ++m) {
    for (std::size_t c = 0; c < core::kKpiCounterCount; ++c) {
      auto counter = core::to_string(static_cast<core::KpiCounter>(c));
      EXPECT_EQ((*stored)[m].values[c], expected[m].values[c]) << spec.months[m] << " " << counter;
      EXPECT_EQ((*recomputed)[m].values[c], expected[m].values[c]) << spec.months[m] << " " << counter;
    }
  }
  auto inputs = repository.evaluation_inputs(spec.year);
  ASSERT_TRUE(inputs);
  EXPECT_TRUE(inputs->has_value());
}

TEST(ReplayYear, OnePercentIntoMemoryHasTheSpecCounts) {
  storage::memory::InMemoryKpiRepository repository;
  expect_replay_matches(repository, scale_year_spec(seed_spec(), 0.01));
}

TEST(ReplayYear, OnePercentIntoSqliteHasTheSpecCountsAndRecomputeAgrees) {
  TempDir dir;
  storage::sqlite::Database database(storage::sqlite::DatabaseOptions{.path = (dir.path() / "replay.db").string()});
  auto spec = scale_year_spec(seed_spec(), 0.01);
  expect_replay_matches(database.kpi(), spec);
  auto report = reporting::load_kpi_report(database.kpi(), 2023, spec.config, false);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->year_figure(KpiKey::call_answer_rate).rate_basis_points, 9616);
}

TEST(RecordFileSource, ImportsCsvAndJsonLines) {
  TempDir dir;
  auto csv = dir.path() / "calls.csv";
  std::ofstream(csv) << "offered_at,answered_at,ended_at,agent,skill,caller\n"
                        "2023-01-05 09:00:00,2023-01-05 09:00:12,2023-01-05 09:04:00,A1,consult,\"138,0000\"\n"
                        "2023-01-05 09:01:00,,2023-01-05 09:02:00,,consult,\n";
  auto jsonl = dir.path() / "tickets.jsonl";
  std::ofstream(jsonl) << R"({"ticket":7,"type":"inquiry","registered_at":"2023-01-05T09:00:00+08:00","resolved_at_intake":true})"
                       << "\n";
  storage::memory::InMemoryKpiRepository repository;
  RecordFileSource calls(core::KpiRecordKind::call, csv.string());
  ASSERT_EQ(repository.import_records(calls)->records, 2);
  RecordFileSource tickets(core::KpiRecordKind::ticket, jsonl.string());
  ASSERT_EQ(repository.import_records(tickets)->records, 1);
  auto january = repository.counters(2023)->front();
  EXPECT_EQ(january[core::KpiCounter::calls_offered], 2);
  EXPECT_EQ(january[core::KpiCounter::inquiries], 1);
}

TEST(RecordFileSource, ABadRowNamesItsLineAndNothingIsImported) {
  TempDir dir;
  auto csv = dir.path() / "dialogues.csv";
  std::ofstream(csv) << "asked_at,answered_at,channel\n"
                        "2023-01-05 09:00:00,2023-01-05 09:00:12,wechat\n"
                        "2023-01-05 09:00:00,soon,wechat\n";
  storage::memory::InMemoryKpiRepository repository;
  RecordFileSource source(core::KpiRecordKind::dialogue, csv.string());
  auto result = repository.import_records(source);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("dialogues.csv:3: answered_at is not a time"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(repository.counters(2023)->front()[core::KpiCounter::dialogues], 0);

  auto unknown = dir.path() / "bad.csv";
  std::ofstream(unknown) << "asked_at,colour\n";
  RecordFileSource bad_header(core::KpiRecordKind::dialogue, unknown.string());
  auto header = repository.import_records(bad_header);
  ASSERT_FALSE(header);
  EXPECT_NE(header.error().message.find("bad.csv:1: unknown column 'colour'"), std::string::npos);
}

// Writes `content` to the file `name` in `dir` and imports it into a fresh repository.
core::Result<core::KpiImportSummary> import_file(const TempDir& dir, core::KpiRecordKind kind, const std::string& name,
                                                 const std::string& content) {
  auto path = dir.path() / name;
  std::ofstream(path) << content;
  storage::memory::InMemoryKpiRepository repository;
  RecordFileSource source(kind, path.string());
  return repository.import_records(source);
}

TEST(RecordFileSource, CsvFieldsMayHoldLineBreaksAndGbkIsRefusedNamingTheLine) {
  TempDir dir;
  auto imported = import_file(dir, core::KpiRecordKind::call, "calls.csv",
                              "offered_at,answered_at,ended_at,agent,skill,caller\n"
                              "2023-01-05 09:00:00,,2023-01-05 09:02:00,A1,\"consult\nsecond line\",\n"
                              "2023-01-05 09:01:00,,2023-01-05 09:02:00,,consult,\n");
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->records, 2);

  // "小区" in GBK (D0 A1 C7 F8): not UTF-8.
  auto refused = import_file(dir, core::KpiRecordKind::dialogue, "dialogues.csv",
                             "asked_at,answered_at,channel\n2023-01-05 09:00:00,,\xD0\xA1\xC7\xF8\n");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("dialogues.csv: line 2: not UTF-8"), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace hotline::tools
