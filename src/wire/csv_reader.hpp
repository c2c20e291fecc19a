#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace hotline::wire {

// Streaming reader for RFC 4180 CSV: comma-separated fields, optionally enclosed in double
// quotes; inside quotes a doubled quote stands for one quote, and commas and line breaks are
// data. Accepts LF or CRLF line ends, a missing final line end and a leading UTF-8 BOM.
// Does not own the stream. Not thread-safe: one reader per thread.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in);

  // Reads the next record into `fields` (cleared first). Returns false at end of input.
  // An empty line is returned as one empty field. Throws std::runtime_error naming the line
  // on an unterminated quoted field, a quote character after data in a quoted field, or a
  // field that is not valid UTF-8 (Excel in China often saves GBK).
  bool next(std::vector<std::string>& fields);

  // 1-based line number on which the record last returned by `next` started.
  [[nodiscard]] std::size_t line() const { return record_line_; }

 private:
  bool read_record(std::vector<std::string>& fields);
  int get();
  int peek();

  std::istream& in_;
  std::size_t current_line_ = 1;
  std::size_t record_line_ = 0;
  bool bom_checked_ = false;
};

}  // namespace hotline::wire
