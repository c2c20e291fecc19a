#include "wire/csv_reader.hpp"

#include <stdexcept>

#include "wire/utf8.hpp"

namespace hotline::wire {

CsvReader::CsvReader(std::istream& in) : in_(in) {}

int CsvReader::get() {
  const int c = in_.get();
  if (c == '\n') ++current_line_;
  return c;
}

int CsvReader::peek() { return in_.peek(); }

bool CsvReader::next(std::vector<std::string>& fields) {
  if (!read_record(fields)) return false;
  for (const auto& field : fields) {
    if (!is_valid_utf8(field)) {
      throw std::runtime_error("line " + std::to_string(record_line_) +
                               ": not UTF-8 text (a GBK file? convert it: iconv -f GBK -t UTF-8)");
    }
  }
  return true;
}

bool CsvReader::read_record(std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  if (!bom_checked_) {
    bom_checked_ = true;
    if (peek() == 0xEF) {
      char bom[3] = {};
      in_.read(bom, 3);
      const bool is_bom = in_.gcount() == 3 && static_cast<unsigned char>(bom[1]) == 0xBB &&
                          static_cast<unsigned char>(bom[2]) == 0xBF;
      // Not a BOM after all: the bytes we consumed are data of the first field.
      if (!is_bom) field.assign(bom, static_cast<std::size_t>(in_.gcount()));
    }
  }
  if (field.empty() && peek() == std::char_traits<char>::eof()) return false;
  record_line_ = current_line_;
  bool quoted = false;       // inside a quoted section
  bool was_quoted = false;   // this field started with a quote
  for (;;) {
    const int c = get();
    if (c == std::char_traits<char>::eof()) {
      if (quoted) {
        throw std::runtime_error("line " + std::to_string(record_line_) + ": unterminated quoted field");
      }
      fields.push_back(std::move(field));
      return true;
    }
    if (quoted) {
      if (c == '"') {
        if (peek() == '"') {
          get();
          field.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && peek() == '\n') get();
      fields.push_back(std::move(field));
      return true;
    } else if (c == '"') {
      if (!field.empty() || was_quoted) {
        throw std::runtime_error("line " + std::to_string(current_line_) +
                                 ": unexpected quote inside a field");
      }
      quoted = true;
      was_quoted = true;
    } else {
      if (was_quoted) {
        throw std::runtime_error("line " + std::to_string(current_line_) +
                                 ": data after closing quote");
      }
      field.push_back(static_cast<char>(c));
    }
  }
}

}  // namespace hotline::wire
