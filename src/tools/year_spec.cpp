#include "tools/year_spec.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tools/reference_data.hpp"

namespace hotline::tools {
namespace {

namespace json = boost::json;

const json::value& at(const json::value& value, std::string_view path) {
  const json::value* current = &value;
  std::string_view rest = path;
  while (!rest.empty()) {
    auto dot = rest.find('.');
    std::string_view key = rest.substr(0, dot);
    const auto* object = current->if_object();
    if (!object || !object->contains(key)) throw std::runtime_error("year spec: missing " + std::string(path));
    current = &object->at(key);
    rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
  }
  return *current;
}

double number(const json::value& value, std::string_view what) {
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  if (value.is_uint64()) return static_cast<double>(value.as_uint64());
  if (value.is_double()) return value.as_double();
  throw std::runtime_error("year spec: " + std::string(what) + " is not a number");
}

std::vector<std::int64_t> counts(const json::value& root, std::string_view path) {
  const auto* array = at(root, path).if_array();
  if (!array || array->size() != 12) throw std::runtime_error("year spec: " + std::string(path) + " needs 12 numbers");
  std::vector<std::int64_t> result;
  for (const auto& value : *array) result.push_back(static_cast<std::int64_t>(number(value, path)));
  return result;
}

std::int64_t scaled(std::int64_t count, double scale) { return std::llround(static_cast<double>(count) * scale); }

}  // namespace

std::string default_year_spec_path() { return default_data_dir() + "/kpi/gz12345-2023-kpis.json"; }

YearSpec load_year_spec(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read year spec " + path);
  std::stringstream text;
  text << in.rdbuf();
  json::value root;
  try {
    root = json::parse(text.str());
  } catch (const std::exception& e) {
    throw std::runtime_error("year spec " + path + " is not JSON: " + e.what());
  }
  YearSpec spec;
  for (const auto& month : at(root, "months").as_array()) {
    std::string label(month.as_string());
    spec.months.push_back(std::stoi(label.substr(0, 4)) * 100 + std::stoi(label.substr(5, 2)));
  }
  if (spec.months.size() != 12) throw std::runtime_error("year spec: months needs 12 entries");
  spec.year = spec.months.front() / 100;
  spec.platform_service_minutes = counts(root, "platform_minutes.service");
  spec.platform_normal_minutes = counts(root, "platform_minutes.normal");
  spec.calls_offered = counts(root, "calls.offered");
  spec.calls_answered = counts(root, "calls.answered");
  spec.tickets_dispatched = counts(root, "dispatch_timeliness.dispatched");
  spec.tickets_dispatched_timely = counts(root, "dispatch_timeliness.timely");
  spec.dialogues = counts(root, "online_response.dialogues");
  spec.dialogues_timely = counts(root, "online_response.within_180s");
  spec.inquiries = counts(root, "consultation_first_contact.consultations");
  spec.inquiries_dispatched = counts(root, "consultation_first_contact.dispatched");
  spec.dispatch_operations = counts(root, "dispatch_accuracy.dispatches");
  spec.dispatch_operations_wrong = counts(root, "dispatch_accuracy.wrong");
  spec.intake_valid = counts(root, "intake_satisfaction.valid");
  spec.intake_very_satisfied = counts(root, "intake_satisfaction.very_satisfied");
  spec.intake_satisfied = counts(root, "intake_satisfaction.satisfied");
  spec.intake_basically_satisfied = counts(root, "intake_satisfaction.basically_satisfied");
  spec.result_dissatisfied = counts(root, "dissatisfied_callback.dissatisfied");
  spec.called_back_in_time = counts(root, "dissatisfied_callback.called_back_in_time");
  for (core::KpiKey key : core::all_kpi_keys()) {
    auto index = static_cast<std::size_t>(key);
    std::string name(core::to_string(key));
    spec.published_rates[index] = number(at(root, "published_rates_percent." + name), name);
    const auto& target = at(root, "targets_percent." + name);
    auto parsed = core::parse_kpi_target(target.as_string());
    if (!parsed) throw std::runtime_error("year spec: bad target for " + name);
    spec.config.targets[index] = *parsed;
  }
  spec.evaluation.year = spec.year;
  spec.evaluation.budget_initial = number(at(root, "budget_wan_yuan.initial"), "budget initial");
  spec.evaluation.budget_final = number(at(root, "budget_wan_yuan.final"), "budget final");
  const auto& scores = at(root, "evaluation.management_scores").as_object();
  for (auto item : core::default_management_items()) {
    if (item.name != core::kBudgetExecutionItem) {
      auto it = scores.find(item.name);
      if (it == scores.end()) throw std::runtime_error("year spec: missing management score " + item.name);
      item.score = number(it->value(), item.name);
    }
    spec.evaluation.management.push_back(item);
  }
  spec.composite = number(at(root, "evaluation.composite"), "composite");
  spec.grade = std::string(at(root, "evaluation.grade").as_string());
  return spec;
}

YearSpec scale_year_spec(const YearSpec& spec, double scale) {
  if (scale == 1.0) return spec;
  YearSpec s = spec;
  for (std::size_t m = 0; m < 12; ++m) {
    auto pair = [&](std::vector<std::int64_t>& whole, std::vector<std::int64_t>& part, const std::vector<std::int64_t>& w0,
                    const std::vector<std::int64_t>& p0) {
      whole[m] = scaled(w0[m], scale);
      part[m] = std::min(whole[m], scaled(p0[m], scale));
    };
    pair(s.calls_offered, s.calls_answered, spec.calls_offered, spec.calls_answered);
    pair(s.tickets_dispatched, s.tickets_dispatched_timely, spec.tickets_dispatched, spec.tickets_dispatched_timely);
    pair(s.dialogues, s.dialogues_timely, spec.dialogues, spec.dialogues_timely);
    pair(s.inquiries, s.inquiries_dispatched, spec.inquiries, spec.inquiries_dispatched);
    pair(s.dispatch_operations, s.dispatch_operations_wrong, spec.dispatch_operations, spec.dispatch_operations_wrong);
    pair(s.result_dissatisfied, s.called_back_in_time, spec.result_dissatisfied, spec.called_back_in_time);
    s.intake_very_satisfied[m] = scaled(spec.intake_very_satisfied[m], scale);
    s.intake_satisfied[m] = scaled(spec.intake_satisfied[m], scale);
    s.intake_basically_satisfied[m] = scaled(spec.intake_basically_satisfied[m], scale);
    s.intake_valid[m] = std::max(scaled(spec.intake_valid[m], scale),
                                 s.intake_very_satisfied[m] + s.intake_satisfied[m] + s.intake_basically_satisfied[m]);
  }
  return s;
}

std::vector<core::MonthCounters> spec_counters(const YearSpec& spec) {
  using C = core::KpiCounter;
  std::vector<core::MonthCounters> months;
  for (std::size_t m = 0; m < 12; ++m) {
    core::MonthCounters c;
    c.month = spec.months[m];
    c[C::platform_service_seconds] = spec.platform_service_minutes[m] * 60;
    c[C::platform_normal_seconds] = spec.platform_normal_minutes[m] * 60;
    c[C::calls_offered] = spec.calls_offered[m];
    c[C::calls_answered] = spec.calls_answered[m];
    c[C::tickets_dispatched] = spec.tickets_dispatched[m];
    c[C::tickets_dispatched_timely] = spec.tickets_dispatched_timely[m];
    c[C::dialogues] = spec.dialogues[m];
    c[C::dialogues_timely] = spec.dialogues_timely[m];
    c[C::inquiries] = spec.inquiries[m];
    c[C::inquiries_dispatched] = spec.inquiries_dispatched[m];
    c[C::dispatch_operations] = spec.dispatch_operations[m];
    c[C::dispatch_operations_wrong] = spec.dispatch_operations_wrong[m];
    c[C::intake_very_satisfied] = spec.intake_very_satisfied[m];
    c[C::intake_satisfied] = spec.intake_satisfied[m];
    c[C::intake_basically_satisfied] = spec.intake_basically_satisfied[m];
    c[C::intake_dissatisfied] = spec.intake_valid[m] - spec.intake_very_satisfied[m] - spec.intake_satisfied[m] -
                                spec.intake_basically_satisfied[m];
    c[C::intake_invalid] = spec.intake_valid[m] / kValidRatingsPerInvalid;
    c[C::result_dissatisfied] = spec.result_dissatisfied[m];
    c[C::result_dissatisfied_called_back_in_time] = spec.called_back_in_time[m];
    months.push_back(c);
  }
  return months;
}

}  // namespace hotline::tools
