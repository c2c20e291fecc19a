#include "core/kpi.hpp"

#include <cstdio>

#include "core/china_time.hpp"

namespace hotline::core {
namespace {

constexpr std::array<std::string_view, kKpiCount> kKeyNames{
    "platform_availability",     "call_answer_rate",  "dispatch_timeliness", "online_response_timeliness",
    "first_contact_resolution", "dispatch_accuracy", "intake_satisfaction", "dissatisfied_callback_rate"};
constexpr std::array<std::string_view, kKpiCount> kChineseNames{
    "话务平台可用率", "话务接通率",   "工单转派的及时率", "互联网渠道响应及时率",
    "咨询事项一次性解答率", "工单转派准确率", "受理服务满意率",   "不满意回访率"};
constexpr std::array<std::string_view, kKpiCounterCount> kCounterNames{
    "platform_service_seconds",
    "platform_normal_seconds",
    "calls_offered",
    "calls_answered",
    "tickets_dispatched",
    "tickets_dispatched_timely",
    "dialogues",
    "dialogues_timely",
    "inquiries",
    "inquiries_dispatched",
    "dispatch_operations",
    "dispatch_operations_wrong",
    "intake_very_satisfied",
    "intake_satisfied",
    "intake_basically_satisfied",
    "intake_dissatisfied",
    "intake_invalid",
    "result_dissatisfied",
    "result_dissatisfied_called_back_in_time",
};

}  // namespace

const std::array<KpiKey, kKpiCount>& all_kpi_keys() {
  static const std::array<KpiKey, kKpiCount> keys{
      KpiKey::platform_availability,     KpiKey::call_answer_rate,  KpiKey::dispatch_timeliness,
      KpiKey::online_response_timeliness, KpiKey::first_contact_resolution, KpiKey::dispatch_accuracy,
      KpiKey::intake_satisfaction,       KpiKey::dissatisfied_callback_rate};
  return keys;
}

std::string_view to_string(KpiKey key) { return kKeyNames[static_cast<std::size_t>(key)]; }
std::string_view chinese_name(KpiKey key) { return kChineseNames[static_cast<std::size_t>(key)]; }
bool is_output_kpi(KpiKey key) { return static_cast<std::size_t>(key) < 4; }

std::optional<KpiKey> parse_kpi_key(std::string_view text) {
  for (std::size_t i = 0; i < kKpiCount; ++i)
    if (kKeyNames[i] == text) return static_cast<KpiKey>(i);
  return std::nullopt;
}

std::string_view to_string(KpiCounter counter) { return kCounterNames[static_cast<std::size_t>(counter)]; }

std::optional<KpiCounter> parse_kpi_counter(std::string_view text) {
  for (std::size_t i = 0; i < kKpiCounterCount; ++i)
    if (kCounterNames[i] == text) return static_cast<KpiCounter>(i);
  return std::nullopt;
}

YearMonth year_month_of(Timestamp at) {
  std::chrono::year_month_day day = china_date(at);
  return static_cast<int>(day.year()) * 100 + static_cast<int>(static_cast<unsigned>(day.month()));
}

Timestamp month_start(YearMonth month) {
  std::chrono::year_month_day day{std::chrono::year{month / 100}, std::chrono::month{static_cast<unsigned>(month % 100)},
                                  std::chrono::day{1}};
  return china_midnight(day);
}

YearMonth next_month(YearMonth month) { return month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1; }

std::vector<MonthCounters> months_of_year(const std::map<YearMonth, MonthCounters>& months, int year) {
  std::vector<MonthCounters> result;
  for (int m = 1; m <= 12; ++m) {
    MonthCounters counters;
    counters.month = year * 100 + m;
    if (auto it = months.find(counters.month); it != months.end()) counters = it->second;
    result.push_back(counters);
  }
  return result;
}

std::string month_label(YearMonth month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", month / 100, month % 100);
  return text;
}

MonthCounters& MonthCounters::operator+=(const MonthCounters& other) {
  for (std::size_t i = 0; i < kKpiCounterCount; ++i) values[i] += other.values[i];
  return *this;
}

std::string describe(const KpiTarget& target) {
  std::string rate = format_rate(target.basis_points);
  // Trim "95.00" to "95" and "99.90" to "99.9", as the seed prints targets.
  while (rate.back() == '0') rate.pop_back();
  if (rate.back() == '.') rate.pop_back();
  return (target.all_required ? "" : "≥") + rate + "%";
}

std::optional<KpiTarget> parse_kpi_target(std::string_view text) {
  KpiTarget target;
  if (text.starts_with(">=")) text.remove_prefix(2);
  else if (text.starts_with("≥")) text.remove_prefix(std::string_view("≥").size());
  else target.all_required = true;
  if (text.ends_with("%")) text.remove_suffix(1);
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (char c : text) {
    if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_point) {
        if (++fraction_digits > 2) return std::nullopt;
        fraction = fraction * 10 + (c - '0');
      } else {
        whole = whole * 10 + (c - '0');
        if (whole > 100) return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  if (fraction_digits == 1) fraction *= 10;
  target.basis_points = whole * 100 + fraction;
  if (target.basis_points > 10000) return std::nullopt;
  // "100" without ">=" means every one; any other bare number is a lower bound.
  if (target.all_required && target.basis_points != 10000) target.all_required = false;
  return target;
}

std::optional<std::int64_t> rate_basis_points(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return std::nullopt;
  // Half up, in integers: floor((2 * 10000 * n + d) / (2 * d)). n <= d < 2^40 keeps this in range.
  return (2 * 10000 * numerator + denominator) / (2 * denominator);
}

bool meets(const KpiTarget& target, std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return false;
  if (target.all_required) return numerator >= denominator;
  return numerator * 10000 >= target.basis_points * denominator;
}

std::string format_rate(const std::optional<std::int64_t>& basis_points) {
  if (!basis_points) return "—";
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(*basis_points / 100),
                static_cast<long long>(*basis_points % 100));
  return text;
}

std::int64_t valid_intake_ratings(const MonthCounters& c) {
  return c[KpiCounter::intake_very_satisfied] + c[KpiCounter::intake_satisfied] +
         c[KpiCounter::intake_basically_satisfied] + c[KpiCounter::intake_dissatisfied];
}

std::int64_t satisfied_intake_ratings(const MonthCounters& c, const KpiConfig& config) {
  constexpr std::array<KpiCounter, 4> levels{KpiCounter::intake_very_satisfied, KpiCounter::intake_satisfied,
                                             KpiCounter::intake_basically_satisfied, KpiCounter::intake_dissatisfied};
  std::int64_t satisfied = 0;
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (config.satisfied_levels[i]) satisfied += c[levels[i]];
  return satisfied;
}

KpiFigure kpi_figure(KpiKey key, const MonthCounters& c, const KpiConfig& config) {
  using C = KpiCounter;
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  std::int64_t rate_numerator = 0;
  std::int64_t rate_denominator = 0;
  switch (key) {
    case KpiKey::platform_availability:
      rate_numerator = c[C::platform_normal_seconds];
      rate_denominator = c[C::platform_service_seconds];
      numerator = rate_numerator / 60;
      denominator = rate_denominator / 60;
      break;
    case KpiKey::call_answer_rate:
      numerator = c[C::calls_answered];
      denominator = c[C::calls_offered];
      break;
    case KpiKey::dispatch_timeliness:
      numerator = c[C::tickets_dispatched_timely];
      denominator = c[C::tickets_dispatched];
      break;
    case KpiKey::online_response_timeliness:
      numerator = c[C::dialogues_timely];
      denominator = c[C::dialogues];
      break;
    case KpiKey::first_contact_resolution:
      numerator = c[C::inquiries] - c[C::inquiries_dispatched];
      denominator = c[C::inquiries];
      break;
    case KpiKey::dispatch_accuracy:
      numerator = c[C::dispatch_operations] - c[C::dispatch_operations_wrong];
      denominator = c[C::dispatch_operations];
      break;
    case KpiKey::intake_satisfaction:
      numerator = satisfied_intake_ratings(c, config);
      denominator = valid_intake_ratings(c);
      break;
    case KpiKey::dissatisfied_callback_rate:
      numerator = c[C::result_dissatisfied_called_back_in_time];
      denominator = c[C::result_dissatisfied];
      break;
  }
  if (key != KpiKey::platform_availability) {
    rate_numerator = numerator;
    rate_denominator = denominator;
  }
  KpiFigure figure;
  figure.numerator = numerator;
  figure.denominator = denominator;
  figure.rate_basis_points = rate_basis_points(rate_numerator, rate_denominator);
  figure.met = meets(config.target(key), rate_numerator, rate_denominator);
  return figure;
}

MonthCounters sum_counters(const std::vector<MonthCounters>& months) {
  MonthCounters total;
  for (const auto& month : months) total += month;
  return total;
}

}  // namespace hotline::core
