#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>

#include "reporting/report_writers.hpp"

namespace hotline::reporting {
namespace {

// Display columns of UTF-8 text: wide (CJK, full-width) characters take two.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    unsigned code = 0;
    if (length == 1) code = byte;
    else if (length == 2) code = byte & 0x1Fu;
    else if (length == 3) code = byte & 0x0Fu;
    else code = byte & 0x07u;
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    width += (code >= 0x1100 && code != 0x2014 && code != 0x2265) ? 2 : 1;
    i += length;
  }
  return width;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// The value of a cell that is a plain number ("123", "96.16"), for XLSX number cells.
bool as_number(const std::string& text, double& value) {
  if (text.empty() || text.find_first_not_of("0123456789.-") != std::string::npos) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// "96.42%" as the fraction 0.9642, for a cell with a percent number format.
bool as_percent(const std::string& text, double& fraction) {
  if (text.size() < 2 || text.back() != '%') return false;
  if (!as_number(text.substr(0, text.size() - 1), fraction)) return false;
  fraction /= 100;
  return true;
}

}  // namespace

std::string render_text(const std::vector<Table>& tables) {
  std::string out;
  for (const auto& table : tables) {
    std::vector<std::size_t> widths(table.header.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
      for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
        widths[i] = std::max(widths[i], display_width(row[i]));
    };
    measure(table.header);
    for (const auto& row : table.rows) measure(row);
    auto line = [&](const std::vector<std::string>& row) {
      for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
        if (i > 0) out += "  ";
        std::size_t pad = widths[i] - display_width(row[i]);
        // Text columns align left, numbers right.
        bool numeric = !row[i].empty() && (std::isdigit(static_cast<unsigned char>(row[i][0])) != 0) && i > 0;
        if (numeric) out.append(pad, ' ');
        out += row[i];
        if (!numeric && i + 1 < row.size()) out.append(pad, ' ');
      }
      out += '\n';
    };
    out += table.title + "\n";
    line(table.header);
    for (const auto& row : table.rows) line(row);
    out += '\n';
  }
  return out;
}

std::string render_csv(const std::vector<Table>& tables) {
  std::string out;
  bool first = true;
  for (const auto& table : tables) {
    if (!first) out += "\n";
    first = false;
    out += csv_field(table.title) + "\n";
    auto line = [&](const std::vector<std::string>& row) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(row[i]);
      }
      out += '\n';
    };
    line(table.header);
    for (const auto& row : table.rows) line(row);
  }
  return out;
}

core::Result<void> write_xlsx(const std::vector<Table>& tables, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return core::fail(core::ErrorCode::unavailable, "cannot create " + path);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  // Rates are numbers shown as percentages with the two decimals of the seed ("96.42%").
  lxw_format* percent = workbook_add_format(workbook);
  format_set_num_format(percent, "0.00%");
  for (const auto& table : tables) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.sheet.c_str());
    if (!sheet) {
      workbook_close(workbook);
      return core::fail(core::ErrorCode::internal, "cannot add sheet " + table.sheet);
    }
    worksheet_write_string(sheet, 0, 0, table.title.c_str(), bold);
    for (std::size_t column = 0; column < table.header.size(); ++column) {
      worksheet_write_string(sheet, 1, static_cast<lxw_col_t>(column), table.header[column].c_str(), bold);
      worksheet_set_column(sheet, static_cast<lxw_col_t>(column), static_cast<lxw_col_t>(column), 18, nullptr);
    }
    for (std::size_t row = 0; row < table.rows.size(); ++row) {
      for (std::size_t column = 0; column < table.rows[row].size(); ++column) {
        const std::string& cell = table.rows[row][column];
        auto r = static_cast<lxw_row_t>(row + 2);
        auto c = static_cast<lxw_col_t>(column);
        double number = 0;
        if (as_number(cell, number)) worksheet_write_number(sheet, r, c, number, nullptr);
        else if (as_percent(cell, number)) worksheet_write_number(sheet, r, c, number, percent);
        else worksheet_write_string(sheet, r, c, cell.c_str(), nullptr);
      }
    }
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) return core::fail(core::ErrorCode::unavailable, "cannot write " + path);
  return {};
}

}  // namespace hotline::reporting
