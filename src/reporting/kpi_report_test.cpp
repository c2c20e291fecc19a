#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <regex>

#include <unistd.h>

#include "reporting/kpi_report.hpp"
#include "reporting/report_writers.hpp"

namespace hotline::reporting {
namespace {

using core::KpiCounter;

std::vector<core::MonthCounters> small_year() {
  std::vector<core::MonthCounters> months;
  for (int m = 1; m <= 12; ++m) {
    core::MonthCounters c;
    c.month = 202300 + m;
    c[KpiCounter::calls_offered] = 100;
    c[KpiCounter::calls_answered] = m == 4 ? 90 : 97;  // April misses 95 %
    c[KpiCounter::intake_very_satisfied] = 3;
    months.push_back(c);
  }
  return months;
}

TEST(KpiReport, YearIsTheSumOfTheMonths) {
  auto report = build_kpi_report(2023, small_year(), core::KpiConfig{});
  const auto& year = report.year_figure(core::KpiKey::call_answer_rate);
  EXPECT_EQ(year.denominator, 1200);
  EXPECT_EQ(year.numerator, 11 * 97 + 90);
  EXPECT_EQ(year.rate_basis_points, 9642);
  EXPECT_TRUE(year.met);
  EXPECT_FALSE(report.month_figures(core::KpiKey::call_answer_rate)[3].met);
}

TEST(KpiReport, OneMonthOnly) {
  auto report = build_kpi_report(2023, small_year(), core::KpiConfig{}, 4);
  ASSERT_EQ(report.months.size(), 1u);
  EXPECT_EQ(report.year_figure(core::KpiKey::call_answer_rate).numerator, 90);
}

TEST(KpiReport, TablesFollowTheSeedLayout) {
  auto tables = kpi_tables(build_kpi_report(2023, small_year(), core::KpiConfig{}));
  ASSERT_EQ(tables.size(), 10u);  // tables 6-15
  const auto& calls = tables[2];
  EXPECT_EQ(calls.title, "表8：月度话务接通率完成情况统计表（单位：通）");
  EXPECT_EQ(calls.header, (std::vector<std::string>{"时间", "呼入量", "接通量", "话务接通率"}));
  ASSERT_EQ(calls.rows.size(), 13u);
  EXPECT_EQ(calls.rows[3], (std::vector<std::string>{"2023年4月", "100", "90", "90.00%"}));
  EXPECT_EQ(calls.rows[12], (std::vector<std::string>{"合计", "1200", "1157", "96.42%"}));
  EXPECT_EQ(tables[0].rows[1][4], "是");
  EXPECT_EQ(tables[1].rows[0][3], "—");  // no platform minutes recorded: no rate
  auto text = render_text(tables);
  EXPECT_NE(text.find("2023年4月"), std::string::npos);
  auto csv = render_csv(tables);
  EXPECT_NE(csv.find("2023年4月,100,90,90.00%"), std::string::npos);
}

TEST(KpiReport, JsonHasTheDocumentedShape) {
  auto json = kpi_json(build_kpi_report(2023, small_year(), core::KpiConfig{}));
  EXPECT_NE(json.find(R"("months":["2023-01","2023-02")"), std::string::npos);
  EXPECT_NE(json.find(R"("call_answer_rate":{"numerator":[97,97,97,90)"), std::string::npos);
  EXPECT_NE(json.find(R"("year":{"numerator":1157,"denominator":1200,"rate":96.42})"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("satisfaction_distribution":{"very_satisfied":[3,)"), std::string::npos);
}

TEST(KpiReport, AYearWithoutDataIsNotFoundNamingTheYear) {
  std::vector<core::MonthCounters> empty(12);
  auto refused = require_data(2031, empty);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::not_found);
  EXPECT_EQ(refused.error().field, "year");
  EXPECT_NE(refused.error().message.find("2031"), std::string::npos);
  EXPECT_TRUE(require_data(2023, small_year()));
}

// One member of the .xlsx (a zip), read with the unzip tool.
std::string xlsx_member(const std::string& path, const std::string& member) {
  std::string command = "unzip -p '" + path + "' " + member;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  pclose(pipe);
  return out;
}

TEST(KpiReport, XlsxRatesAreNumbersWithAPercentFormat) {
  auto path = (std::filesystem::temp_directory_path() / ("kpi_percent_" + std::to_string(::getpid()) + ".xlsx")).string();
  ASSERT_TRUE(write_xlsx(kpi_tables(build_kpi_report(2023, small_year(), core::KpiConfig{})), path));
  // Sheet 3 is table 8; April (90.00%) is row 6 of the sheet, the rate in column D.
  auto sheet = xlsx_member(path, "xl/worksheets/sheet3.xml");
  auto styles = xlsx_member(path, "xl/styles.xml");
  std::filesystem::remove(path);
  ASSERT_FALSE(sheet.empty()) << "unzip is needed to read the workbook";
  std::smatch cell;
  ASSERT_TRUE(std::regex_search(sheet, cell, std::regex(R"re(<c r="D6"( s="(\d+)")?( t="(\w+)")?>(<v>([^<]*)</v>)?)re")));
  EXPECT_FALSE(cell[3].matched) << "a typed (text) cell: " << cell[0];
  EXPECT_EQ(cell[6].str(), "0.9");
  ASSERT_TRUE(cell[2].matched);
  // The cell's style (an index into cellXfs) has a percent number format: Excel's built-in 10
  // ("0.00%") or a custom numFmt whose code is "0.00%".
  auto xfs_at = styles.find("<cellXfs");
  ASSERT_NE(xfs_at, std::string::npos);
  std::vector<std::string> xfs;
  std::regex xf(R"re(<xf [^>]*>)re");
  for (auto it = std::sregex_iterator(styles.begin() + static_cast<std::ptrdiff_t>(xfs_at), styles.end(), xf);
       it != std::sregex_iterator(); ++it)
    xfs.push_back(it->str());
  auto style = static_cast<std::size_t>(std::stoi(cell[2].str()));
  ASSERT_LT(style, xfs.size());
  std::smatch format_id;
  ASSERT_TRUE(std::regex_search(xfs[style], format_id, std::regex(R"re(numFmtId="(\d+)")re"))) << xfs[style];
  const std::string id = format_id[1].str();
  EXPECT_TRUE(id == "10" || styles.find("<numFmt numFmtId=\"" + id + "\" formatCode=\"0.00%\"") != std::string::npos)
      << xfs[style];
}

}  // namespace
}  // namespace hotline::reporting
