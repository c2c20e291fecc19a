#include "net/handlers/report_handlers.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "net/handlers/respond.hpp"
#include "net/json/call_json.hpp"
#include "reporting/kpi_report.hpp"
#include "reporting/report_writers.hpp"
#include "wire/kpi_json.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

using wire::bad_param;

core::Result<int> parse_int_text(std::string_view text, const std::string& name, int low, int high) {
  auto value = wire::parse_integer(text);
  if (!value || *value < low || *value > high)
    return bad_param(name, "must be an integer " + std::to_string(low) + "-" + std::to_string(high));
  return static_cast<int>(*value);
}

struct ReportQuery {
  int year = 0;
  std::optional<int> month;
  bool recompute = false;
  core::BelowTargetRule below_target = core::BelowTargetRule::proportional;
};

// Reads year (required), and month/recompute or below_target as `allowed` says.
core::Result<ReportQuery> decode_report_query(const Request& request, bool evaluation) {
  ReportQuery query;
  bool has_year = false;
  for (const auto& [name, value] : request.query) {
    if (name == "year") {
      auto year = parse_int_text(value, name, 2000, 2100);
      if (!year) return year.error();
      query.year = *year;
      has_year = true;
    } else if (name == "month" && !evaluation) {
      auto month = parse_int_text(value, name, 1, 12);
      if (!month) return month.error();
      query.month = *month;
    } else if (name == "recompute" && !evaluation) {
      if (value != "true" && value != "false") return bad_param(name, "must be true or false");
      query.recompute = value == "true";
    } else if (name == "below_target" && evaluation) {
      if (value != "proportional" && value != "zero") return bad_param(name, "must be proportional or zero");
      query.below_target = value == "zero" ? core::BelowTargetRule::zero : core::BelowTargetRule::proportional;
    } else {
      return bad_param(name, "unknown parameter");
    }
  }
  if (!has_year) return bad_param("year", "is required");
  return query;
}

core::Result<reporting::KpiReport> load_report(const Services& services, const Call& call, const ReportQuery& query) {
  auto months = services.kpi.counters(call.actor, query.year, query.recompute);
  if (!months) return months.error();
  if (auto has_data = reporting::require_data(query.year, *months); !has_data) return has_data.error();
  return reporting::build_kpi_report(query.year, *months, services.kpi.config(), query.month);
}

// The seed's tables of the report: 6-15, and 16 when the year's management items were entered.
core::Result<std::vector<reporting::Table>> build_tables(const Services& services, const Call& call,
                                                         const ReportQuery& query, bool& with_evaluation) {
  auto report = load_report(services, call, query);
  if (!report) return report.error();
  auto tables = reporting::kpi_tables(*report);
  with_evaluation = false;
  auto inputs = services.kpi.evaluation_inputs(call.actor, query.year);
  if (!inputs) return inputs.error();
  if (*inputs) {
    // Table 16 is over the whole year, whatever month the other tables show.
    ReportQuery whole_year = query;
    whole_year.month.reset();
    auto year_report = query.month ? load_report(services, call, whole_year) : std::move(report);
    if (!year_report) return year_report.error();
    auto evaluation = reporting::evaluate_year(*year_report, **inputs, core::EvaluationRules{});
    if (!evaluation) return evaluation.error();
    tables.push_back(reporting::evaluation_table(*evaluation));
    with_evaluation = true;
  }
  return tables;
}

// write_xlsx writes a file; the response carries its bytes. Errors: unavailable when the temporary
// file cannot be written or read back.
core::Result<std::string> xlsx_bytes(const std::vector<reporting::Table>& tables) {
  std::random_device random;
  const auto path = std::filesystem::temp_directory_path() /
                    ("hotline-report-" + std::to_string(random()) + std::to_string(random()) + ".xlsx");
  auto written = reporting::write_xlsx(tables, path.string());
  if (!written) return written.error();
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (bytes.empty()) return core::make_error(core::ErrorCode::unavailable, "the workbook could not be read back");
  return bytes;
}

Response download(std::string body, std::string content_type, const std::string& filename) {
  Response response{200, std::move(body), {}};
  response.content_type = std::move(content_type);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return response;
}

}  // namespace

Response report_tables(const Services& services, const Call& call) {
  std::string format = "json";
  Request without_format = call.request;
  std::erase_if(without_format.query, [&](const auto& param) {
    if (param.first != "format") return false;
    format = param.second;
    return true;
  });
  if (format != "json" && format != "csv" && format != "xlsx") return error_response(bad_param("format", "must be json, csv or xlsx"));
  auto query = decode_report_query(without_format, false);
  if (!query) return error_response(query.error());
  bool with_evaluation = false;
  auto tables = build_tables(services, call, *query, with_evaluation);
  if (!tables) return error_response(tables.error());
  std::string name = "hotline-report-" + std::to_string(query->year);
  if (query->month) name += "-" + std::string(*query->month < 10 ? "0" : "") + std::to_string(*query->month);
  if (format == "csv") return download(reporting::render_csv(*tables), "text/csv; charset=utf-8", name + ".csv");
  if (format == "xlsx") {
    auto bytes = xlsx_bytes(*tables);
    if (!bytes) return error_response(bytes.error());
    return download(std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    name + ".xlsx");
  }
  return json_response(200, reporting::tables_json(query->year, query->month, *tables, with_evaluation));
}

Response import_records(const Services& services, const Call& call) {
  auto kind = core::parse_kpi_record_kind(call.params.get("kind"));
  if (!kind) return error_response(core::make_error(core::ErrorCode::not_found, "no such record kind"));
  auto batch = wire::decode_kpi_records(*kind, call.request.body);
  if (!batch) return error_response(batch.error());
  core::SingleBatchSource source(std::move(*batch));
  return respond(services.kpi.import(call.actor, source), 201, wire::encode_import_summary);
}

Response post_calls(const Services& services, const Call& call) {
  auto events = json::decode_call_events(call.request.body);
  if (!events) return error_response(events.error());
  auto calls = core::pair_call_events(*events);
  if (!calls) return error_response(calls.error());
  core::KpiRecordBatch batch;
  batch.calls = std::move(*calls);
  core::SingleBatchSource source(std::move(batch));
  return respond(services.kpi.import(call.actor, source), 201, wire::encode_import_summary);
}

Response kpi_report(const Services& services, const Call& call) {
  auto query = decode_report_query(call.request, false);
  if (!query) return error_response(query.error());
  return respond(load_report(services, call, *query), 200, reporting::kpi_json);
}

Response evaluation_report(const Services& services, const Call& call) {
  auto query = decode_report_query(call.request, true);
  if (!query) return error_response(query.error());
  auto report = load_report(services, call, *query);
  if (!report) return error_response(report.error());
  auto inputs = services.kpi.evaluation_inputs(call.actor, query->year);
  if (!inputs) return error_response(inputs.error());
  if (!*inputs)
    return error_response(core::make_error(core::ErrorCode::not_found,
                                           "no management items entered for " + std::to_string(query->year)));
  core::EvaluationRules rules;
  rules.below_target = query->below_target;
  return respond(reporting::evaluate_year(*report, **inputs, rules), 200, reporting::evaluation_json);
}

Response get_evaluation_inputs(const Services& services, const Call& call) {
  auto year = parse_int_text(call.params.get("year"), "year", 2000, 2100);
  if (!year) return error_response(year.error());
  auto inputs = services.kpi.evaluation_inputs(call.actor, *year);
  if (!inputs) return error_response(inputs.error());
  if (!*inputs) return error_response(core::make_error(core::ErrorCode::not_found, "nothing entered for this year"));
  return json_response(200, wire::encode_evaluation_inputs(**inputs));
}

Response put_evaluation_inputs(const Services& services, const Call& call) {
  auto year = parse_int_text(call.params.get("year"), "year", 2000, 2100);
  if (!year) return error_response(year.error());
  auto inputs = wire::decode_evaluation_inputs(*year, call.request.body);
  if (!inputs) return error_response(inputs.error());
  auto stored = services.kpi.put_evaluation_inputs(call.actor, *inputs);
  if (!stored) return error_response(stored.error());
  return json_response(200, wire::encode_evaluation_inputs(*inputs));
}

}  // namespace hotline::net::handlers
