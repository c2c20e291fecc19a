#include "text/labelled_file.hpp"

#include "wire/csv_reader.hpp"
#include "wire/json_line.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

namespace hotline::text {

namespace {

[[noreturn]] void fail(const std::string& path, std::size_t line, const std::string& reason) {
  throw std::runtime_error(path + ":" + std::to_string(line) + ": " + reason);
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Column numbers of the fields we read; `title`/`fallback_text` are optional.
struct Columns {
  std::size_t label = 0;
  std::size_t text = 0;
  std::optional<std::size_t> title;
  std::optional<std::size_t> fallback_text;  // used when `text` is empty on a row
};

std::optional<std::size_t> column(const std::vector<std::string>& header, std::string_view name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

std::optional<Columns> detect_columns(const std::vector<std::string>& header) {
  const auto l1_class = column(header, "一级分类");
  const auto l1_label = column(header, "一级标签");
  const auto subject = column(header, "留言主题");
  const auto detail = column(header, "留言详情");
  if (l1_class && subject && detail) return Columns{*l1_class, *detail, subject, std::nullopt};
  if (l1_label) {
    if (const auto tokens = column(header, "tokens")) return Columns{*l1_label, *tokens, std::nullopt, std::nullopt};
    if (const auto joined = column(header, "title_plus_detail")) {
      if (subject && detail) return Columns{*l1_label, *detail, subject, joined};
      return Columns{*l1_label, *joined, std::nullopt, std::nullopt};
    }
  }
  const auto label = column(header, "label");
  const auto text = column(header, "text");
  if (label && text) return Columns{*label, *text, column(header, "title"), std::nullopt};
  return std::nullopt;
}

bool blank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); });
}

std::vector<LabelledText> read_csv(std::istream& in, const std::string& path) {
  wire::CsvReader reader(in);
  std::vector<std::string> header;
  std::vector<std::string> fields;
  try {
    if (!reader.next(header)) fail(path, 1, "empty file");
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  const auto columns = detect_columns(header);
  if (!columns) fail(path, 1, "unrecognised header (need 一级分类+留言主题+留言详情, 一级标签+tokens, 一级标签+title_plus_detail or label+text)");
  std::vector<LabelledText> rows;
  for (;;) {
    try {
      if (!reader.next(fields)) break;
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(path + ": " + e.what());
    }
    if (blank(fields)) continue;
    if (fields.size() != header.size()) {
      fail(path, reader.line(), "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(fields.size()));
    }
    LabelledText row;
    row.label = fields[columns->label];
    row.text = fields[columns->text];
    if (columns->title) row.title = fields[*columns->title];
    if (row.text.empty() && columns->fallback_text) {
      row.title.clear();
      row.text = fields[*columns->fallback_text];
    }
    if (row.label.empty()) fail(path, reader.line(), "empty label");
    if (row.text.empty() && row.title.empty()) fail(path, reader.line(), "empty text");
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<LabelledText> read_jsonl(std::istream& in, const std::string& path) {
  std::vector<LabelledText> rows;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; })) continue;
    std::map<std::string, std::string> object;
    try {
      object = wire::parse_json_string_object(line);
    } catch (const std::runtime_error& e) {
      fail(path, number, e.what());
    }
    LabelledText row{object["title"], object["text"], object["label"]};
    if (row.label.empty()) fail(path, number, "missing or empty \"label\"");
    if (row.text.empty() && row.title.empty()) fail(path, number, "missing or empty \"text\"");
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::vector<LabelledText> read_labelled_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open file");
  if (ends_with(path, ".jsonl") || ends_with(path, ".json")) return read_jsonl(in, path);
  return read_csv(in, path);
}

}  // namespace hotline::text
