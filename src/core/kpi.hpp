#pragma once
// The eight KPIs of the yearly evaluation (seed tables 6-15): their keys, the monthly counters they
// are computed from, targets, the seed's rounding, and the configuration (which ratings count as
// satisfied, timeliness limits). Pure functions over counters; no I/O.
//
// A KPI is numerator / denominator, both sums of counters over a period (a month or the year), so
// a year report reads twelve `MonthCounters` rows and nothing else.

#include <array>
#include <map>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace hotline::core {

enum class KpiKey {
  platform_availability,       // 话务平台可用率 (output)
  call_answer_rate,            // 话务接通率 (output)
  dispatch_timeliness,         // 工单转派的及时率 (output)
  online_response_timeliness,  // 互联网渠道响应及时率 (output)
  first_contact_resolution,    // 咨询事项一次性解答率 (effect)
  dispatch_accuracy,           // 工单转派准确率 (effect)
  intake_satisfaction,         // 受理服务满意率 (effect)
  dissatisfied_callback_rate,  // 不满意回访率 (effect)
};
inline constexpr std::size_t kKpiCount = 8;

const std::array<KpiKey, kKpiCount>& all_kpi_keys();
std::string_view to_string(KpiKey key);
std::optional<KpiKey> parse_kpi_key(std::string_view text);
std::string_view chinese_name(KpiKey key);
// Output KPIs (产出指标) are the first four, effect KPIs (效益指标) the last four.
bool is_output_kpi(KpiKey key);

// The counters kept per month. Each raw record moves one or more of them by +1 (platform spans by
// their seconds). The stored names are `to_string`; never renumber, only append.
enum class KpiCounter : std::size_t {
  platform_service_seconds,
  platform_normal_seconds,
  calls_offered,
  calls_answered,
  tickets_dispatched,         // tickets dispatched for the first time in the month (table 9)
  tickets_dispatched_timely,  // of those, within the dispatch limit of registration
  dialogues,                  // online question-answer exchanges (table 10)
  dialogues_timely,           // answered by a person within the response limit
  inquiries,                  // inquiry tickets registered in the month (table 12)
  inquiries_dispatched,       // of those, dispatched at some point
  dispatch_operations,        // every dispatch operation, re-dispatches included (table 13)
  dispatch_operations_wrong,  // of those, later marked wrong by an upheld return
  intake_very_satisfied,      // ratings of the intake service by level (table 14)
  intake_satisfied,
  intake_basically_satisfied,
  intake_dissatisfied,
  intake_invalid,                 // not counted as valid ratings
  result_dissatisfied,            // tickets whose handling result was rated dissatisfied (table 15)
  result_dissatisfied_called_back_in_time,
};
inline constexpr std::size_t kKpiCounterCount = 19;
std::string_view to_string(KpiCounter counter);
std::optional<KpiCounter> parse_kpi_counter(std::string_view text);

// A month as yyyymm, e.g. 202301. Months are in China time (UTC+8), as the hotline counts them.
using YearMonth = int;
YearMonth year_month_of(Timestamp at);
// The first instant of `month` in China time.
Timestamp month_start(YearMonth month);
YearMonth next_month(YearMonth month);
std::string month_label(YearMonth month);  // "2023-01"

struct MonthCounters {
  YearMonth month = 0;
  std::array<std::int64_t, kKpiCounterCount> values{};

  std::int64_t& operator[](KpiCounter c) { return values[static_cast<std::size_t>(c)]; }
  std::int64_t operator[](KpiCounter c) const { return values[static_cast<std::size_t>(c)]; }
  MonthCounters& operator+=(const MonthCounters& other);
  bool operator==(const MonthCounters&) const = default;
};

// The twelve months of `year` from a map of stored months; months not in it are zero.
std::vector<MonthCounters> months_of_year(const std::map<YearMonth, MonthCounters>& months, int year);

// A target as a rate in hundredths of a percent: ">=95" is {9500, false}, "100" is {10000, true}
// (every one must pass). Met is decided on the exact fraction, never on the rounded rate.
struct KpiTarget {
  std::int64_t basis_points = 0;
  bool all_required = false;
};
std::string describe(const KpiTarget& target);  // "≥95%", "100%"
// Parses ">=95", "≥99.99", "100"; nullopt when malformed.
std::optional<KpiTarget> parse_kpi_target(std::string_view text);

// Deployment settings; the defaults reproduce the seed.
struct KpiConfig {
  // Which intake ratings count as satisfied, indexed by `Rating` (very_satisfied .. dissatisfied).
  std::array<bool, 4> satisfied_levels{true, true, true, false};
  // A ticket is dispatched in time when its first dispatch is at most this long after registration.
  std::int64_t dispatch_limit_seconds = 2 * 3600;
  // An online exchange is timely when a person answers within this many seconds (the seed's 180 s).
  std::int64_t online_response_limit_seconds = 180;
  std::array<KpiTarget, kKpiCount> targets{
      KpiTarget{9999, false}, KpiTarget{9500, false}, KpiTarget{10000, true}, KpiTarget{9500, false},
      KpiTarget{8500, false}, KpiTarget{9700, false}, KpiTarget{9500, false}, KpiTarget{10000, true}};

  const KpiTarget& target(KpiKey key) const { return targets[static_cast<std::size_t>(key)]; }
};

// numerator / denominator of one KPI over one period. `rate_basis_points` is the rate in hundredths
// of a percent rounded half up (9616 = 96.16 %), as the seed prints it; empty when the denominator
// is 0. `met` compares the exact fraction with the target; a period without data is not met.
struct KpiFigure {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  std::optional<std::int64_t> rate_basis_points;
  bool met = false;
};

std::optional<std::int64_t> rate_basis_points(std::int64_t numerator, std::int64_t denominator);
bool meets(const KpiTarget& target, std::int64_t numerator, std::int64_t denominator);
// "96.16"; "—" for an empty rate.
std::string format_rate(const std::optional<std::int64_t>& basis_points);

// The KPI's numerator and denominator from `counters` (platform seconds become whole minutes for
// display; the rate uses the seconds).
KpiFigure kpi_figure(KpiKey key, const MonthCounters& counters, const KpiConfig& config);
// Valid intake ratings (the four levels, not the invalid ones) and the satisfied ones by config.
std::int64_t valid_intake_ratings(const MonthCounters& counters);
std::int64_t satisfied_intake_ratings(const MonthCounters& counters, const KpiConfig& config);

// Sum of the months (the year column of every table).
MonthCounters sum_counters(const std::vector<MonthCounters>& months);

}  // namespace hotline::core
