#include "tools/record_file_source.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace hotline::tools {
namespace {

constexpr std::size_t kBatchRecords = 20'000;

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

RecordFileSource::RecordFileSource(core::KpiRecordKind kind, std::string path)
    : kind_(kind), path_(std::move(path)), in_(path_) {
  if (!in_) throw std::runtime_error("cannot read " + path_);
  if (ends_with(path_, ".jsonl") || ends_with(path_, ".ndjson")) json_lines_ = true;
  else if (ends_with(path_, ".csv")) csv_.emplace(in_);
  else throw std::runtime_error(path_ + ": expected a .csv, .jsonl or .ndjson file");
}

core::Error RecordFileSource::at_line(const core::Error& error) const {
  return core::make_error(error.code, path_ + ":" + std::to_string(line_number_) + ": " + error.message, error.field);
}

core::Result<void> RecordFileSource::read_header() {
  header_read_ = true;
  if (json_lines_) return {};
  auto header = next_csv_row();
  if (!header) return header.error();
  if (!*header) return core::fail(core::ErrorCode::invalid_argument, path_ + ": empty file");
  columns_ = fields_;
  const auto& known = core::kpi_record_columns(kind_);
  for (const auto& column : columns_) {
    if (std::find(known.begin(), known.end(), column) == known.end())
      return at_line(core::make_error(core::ErrorCode::invalid_argument,
                                      "unknown column '" + column + "' for " + std::string(core::to_string(kind_))));
  }
  return {};
}

core::Result<bool> RecordFileSource::next_csv_row() {
  try {
    if (!csv_->next(fields_)) return false;
  } catch (const std::runtime_error& e) {  // the reader's syntax and UTF-8 errors name the line
    return core::fail(core::ErrorCode::invalid_argument, path_ + ": " + e.what());
  }
  line_number_ = static_cast<std::int64_t>(csv_->line());
  return true;
}

core::Result<void> RecordFileSource::parse_csv_row(core::KpiRecordBatch& batch) {
  if (fields_.size() != columns_.size())
    return core::fail(core::ErrorCode::invalid_argument, "expected " + std::to_string(columns_.size()) +
                                                             " fields, found " + std::to_string(fields_.size()));
  return core::parse_kpi_record(
      kind_,
      [&](std::string_view column) -> std::optional<std::string_view> {
        for (std::size_t i = 0; i < columns_.size(); ++i)
          if (columns_[i] == column) return std::string_view(fields_[i]);
        return std::nullopt;
      },
      batch);
}

core::Result<void> RecordFileSource::parse_json_line(const std::string& line, core::KpiRecordBatch& batch) {
  boost::system::error_code error;
  auto value = boost::json::parse(line, error);
  if (error || !value.is_object()) return core::fail(core::ErrorCode::invalid_argument, "not a JSON object");
  std::map<std::string, std::string, std::less<>> fields;
  const auto& known = core::kpi_record_columns(kind_);
  for (const auto& [key, field] : value.as_object()) {
    if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
      return core::fail(core::ErrorCode::invalid_argument, "unknown field '" + std::string(key) + "'", std::string(key));
    std::string text;
    if (field.is_string()) text = std::string(field.as_string());
    else if (field.is_int64()) text = std::to_string(field.as_int64());
    else if (field.is_uint64()) text = std::to_string(field.as_uint64());
    else if (field.is_bool()) text = field.as_bool() ? "true" : "false";
    else if (!field.is_null())
      return core::fail(core::ErrorCode::invalid_argument, "field '" + std::string(key) + "' has the wrong type",
                        std::string(key));
    fields.emplace(std::string(key), std::move(text));
  }
  return core::parse_kpi_record(
      kind_,
      [&](std::string_view column) -> std::optional<std::string_view> {
        auto it = fields.find(column);
        if (it == fields.end()) return std::nullopt;
        return std::string_view(it->second);
      },
      batch);
}

core::Result<bool> RecordFileSource::next(core::KpiRecordBatch& batch) {
  batch.clear();
  if (!header_read_) {
    auto header = read_header();
    if (!header) return header.error();
  }
  if (csv_) {
    while (batch.size() < kBatchRecords) {
      auto row = next_csv_row();
      if (!row) return row.error();
      if (!*row) break;
      if (fields_.size() == 1 && fields_[0].empty()) continue;  // blank line
      if (auto parsed = parse_csv_row(batch); !parsed) return at_line(parsed.error());
    }
  } else {
    std::string line;
    while (batch.size() < kBatchRecords && std::getline(in_, line)) {
      ++line_number_;
      if (line.empty() || line == "\r") continue;
      if (auto parsed = parse_json_line(line, batch); !parsed) return at_line(parsed.error());
    }
  }
  if (in_.bad()) return core::fail(core::ErrorCode::unavailable, "error reading " + path_);
  return batch.size() > 0;
}

}  // namespace hotline::tools
