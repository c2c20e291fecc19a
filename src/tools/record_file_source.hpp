#pragma once
// `RecordFileSource`: streams KPI records of one kind from a CSV file (header row with the column
// names of core/kpi_records.hpp, read by `wire::CsvReader`: RFC 4180 quoting, UTF-8) or a JSON
// Lines file (one object per line, the same names as keys; numbers and booleans accepted for
// numeric and flag columns), chosen by the file's extension (.csv, .jsonl/.ndjson). A bad row is
// an error naming the file and line, which aborts the import (the repository then stores
// nothing). Reads in batches; memory stays bounded. Not thread-safe.

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/kpi_repository.hpp"
#include "wire/csv_reader.hpp"

namespace hotline::tools {

class RecordFileSource final : public core::KpiRecordSource {
 public:
  // Throws `std::runtime_error` when the file cannot be opened or has an unknown extension.
  RecordFileSource(core::KpiRecordKind kind, std::string path);
  RecordFileSource(const RecordFileSource&) = delete;  // `csv_` refers to `in_`
  RecordFileSource& operator=(const RecordFileSource&) = delete;

  // core::KpiRecordSource
  [[nodiscard]] core::Result<bool> next(core::KpiRecordBatch& batch) override;

  std::int64_t lines_read() const { return line_number_; }

 private:
  [[nodiscard]] core::Result<void> read_header();
  [[nodiscard]] core::Result<bool> next_csv_row();  // false at the end of the file
  [[nodiscard]] core::Result<void> parse_csv_row(core::KpiRecordBatch& batch);
  [[nodiscard]] core::Result<void> parse_json_line(const std::string& line, core::KpiRecordBatch& batch);
  core::Error at_line(const core::Error& error) const;

  core::KpiRecordKind kind_;
  std::string path_;
  std::ifstream in_;
  std::optional<wire::CsvReader> csv_;  // over `in_`, for a CSV file
  bool json_lines_ = false;
  bool header_read_ = false;
  std::vector<std::string> columns_;
  std::vector<std::string> fields_;  // reused per row
  std::int64_t line_number_ = 0;
};

}  // namespace hotline::tools
