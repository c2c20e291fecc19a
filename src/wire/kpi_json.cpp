#include "wire/kpi_json.hpp"

#include <boost/json.hpp>

#include <map>

#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::wire {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxRecords = 10000;

core::Error bad(std::string field, std::string message) {
  return core::make_error(core::ErrorCode::invalid_argument, field + ": " + message, field);
}

// A record's values as text, the form core's record parser reads.
core::Result<std::map<std::string, std::string, std::less<>>> record_fields(const bj::object& object,
                                                                            const std::string& prefix) {
  std::map<std::string, std::string, std::less<>> fields;
  for (const auto& [key, value] : object) {
    std::string name(key);
    if (value.is_string()) {
      fields[name] = std::string(value.get_string());
    } else if (value.is_int64()) {
      fields[name] = std::to_string(value.get_int64());
    } else if (value.is_uint64()) {
      fields[name] = std::to_string(value.get_uint64());
    } else if (value.is_double()) {
      fields[name] = wire::serialize(value);
    } else if (value.is_bool()) {
      fields[name] = value.get_bool() ? "true" : "false";
    } else if (!value.is_null()) {
      return bad(prefix + name, "must be a string, number or boolean");
    }
  }
  return fields;
}

}  // namespace

core::Result<core::KpiRecordBatch> decode_kpi_records(core::KpiRecordKind kind, std::string_view body) {
  bj::error_code ec;
  bj::value doc = bj::parse(body, ec);
  if (ec) return bad("body", "not valid JSON (" + ec.message() + ")");
  if (!doc.is_array()) return bad("body", "must be a JSON array of records");
  const auto& items = doc.get_array();
  if (items.size() > kMaxRecords) return bad("body", "at most 10000 records per request");
  core::KpiRecordBatch batch;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string prefix = "records[" + std::to_string(i) + "].";
    if (!items[i].is_object()) return bad("records[" + std::to_string(i) + "]", "must be an object");
    auto fields = record_fields(items[i].get_object(), prefix);
    if (!fields) return fields.error();
    auto lookup = [&](std::string_view column) -> std::optional<std::string_view> {
      auto it = fields->find(column);
      if (it == fields->end()) return std::nullopt;
      return std::string_view(it->second);
    };
    auto parsed = core::parse_kpi_record(kind, lookup, batch);
    if (!parsed) {
      core::Error error = parsed.error();
      error.field = prefix + error.field;
      error.message = "records[" + std::to_string(i) + "]: " + error.message;
      return error;
    }
  }
  return batch;
}

core::Result<core::EvaluationInputs> decode_evaluation_inputs(int year, std::string_view body) {
  auto object = parse_object(body);
  if (!object) return object.error();
  ObjectReader reader(*object);
  core::EvaluationInputs inputs;
  inputs.year = year;
  inputs.budget_initial = reader.number("budget_initial", Need::required).value_or(0);
  inputs.budget_final = reader.number("budget_final", Need::required).value_or(0);
  const bj::object* scores = reader.object("management", Need::required);
  if (auto done = reader.finish(); !done) return done.error();
  inputs.management = core::default_management_items();
  std::map<std::string, double, std::less<>> given;
  for (const auto& [key, value] : *scores) {
    std::string field = "management." + std::string(key);
    if (!value.is_number()) return bad(field, "must be a number");
    given[std::string(key)] = value.to_number<double>();
  }
  for (auto& item : inputs.management) {
    auto it = given.find(item.name);
    if (it == given.end()) {
      if (item.name == core::kBudgetExecutionItem) continue;  // computed from the budget
      return bad("management." + item.name, "is required");
    }
    item.score = it->second;
    given.erase(it);
  }
  if (!given.empty()) return bad("management." + given.begin()->first, "unknown item");
  return inputs;
}

std::string encode_evaluation_inputs(const core::EvaluationInputs& inputs) {
  bj::object scores;
  for (const auto& item : inputs.management) {
    if (item.name != core::kBudgetExecutionItem) scores[item.name] = item.score;
  }
  bj::object out;
  out["year"] = inputs.year;
  out["budget_initial"] = inputs.budget_initial;
  out["budget_final"] = inputs.budget_final;
  out["management"] = std::move(scores);
  return wire::serialize(out);
}

std::string encode_import_summary(const core::KpiImportSummary& summary) {
  bj::object out;
  out["imported"] = summary.records;
  return wire::serialize(out);
}

}  // namespace hotline::wire
