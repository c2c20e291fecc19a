#include "tools/reference_data.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/holiday_notice.hpp"
#include "text/divisions.hpp"
#include "wire/csv_reader.hpp"

namespace hotline::tools {

std::string default_data_dir() { return HOTLINE_DEFAULT_DATA_DIR; }
namespace {

namespace fs = std::filesystem;

std::ifstream open_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return in;
}

// Reads a CSV whose header must contain `columns`; calls `row` with the values in that order.
template <typename RowFn>
void for_each_row(const std::string& path, const std::vector<std::string>& columns, RowFn row) {
  auto in = open_file(path);
  wire::CsvReader reader(in);
  std::vector<std::string> fields;
  if (!reader.next(fields)) throw std::runtime_error(path + ": empty file");
  std::vector<std::size_t> index;
  for (const auto& column : columns) {
    auto it = std::find(fields.begin(), fields.end(), column);
    if (it == fields.end()) throw std::runtime_error(path + ": missing column " + column);
    index.push_back(static_cast<std::size_t>(it - fields.begin()));
  }
  std::vector<std::string> values(columns.size());
  while (reader.next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    for (std::size_t i = 0; i < index.size(); ++i) {
      if (index[i] >= fields.size())
        throw std::runtime_error(path + ":" + std::to_string(reader.line()) + ": too few fields");
      values[i] = fields[index[i]];
    }
    row(values, reader.line());
  }
}

std::vector<fs::path> files_with_extension(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) throw std::runtime_error("missing data folder " + dir.string());
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ext) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<core::Unit> read_units_csv(const std::string& path) {
  std::vector<core::Unit> units;
  for_each_row(path, {"id", "parent_id", "kind", "name"}, [&](const auto& v, std::size_t line) {
    auto kind = core::parse_unit_kind(v[2]);
    if (!kind) throw std::runtime_error(path + ":" + std::to_string(line) + ": unknown unit kind " + v[2]);
    units.push_back(core::Unit{v[0], v[1], *kind, v[3], true});
  });
  return units;
}

std::vector<core::Category> read_taxonomy_csv(const std::string& path) {
  std::vector<core::Category> out;
  for_each_row(path, {"一级分类", "二级分类", "三级分类"},
               [&](const auto& v, std::size_t) { out.push_back(core::Category{v[0], v[1], v[2]}); });
  return out;
}

int holiday_notice_year(std::string_view text) {
  constexpr std::string_view kTitle = "年部分节假日安排";
  auto at = text.find(kTitle);
  if (at == std::string_view::npos || at < 4) return 0;
  int year = 0;
  for (std::size_t i = at - 4; i < at; ++i) {
    if (text[i] < '0' || text[i] > '9') return 0;
    year = year * 10 + (text[i] - '0');
  }
  return year;
}

std::vector<core::CalendarDay> read_holiday_notice(const std::string& path, int year) {
  auto in = open_file(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  if (year == 0) year = holiday_notice_year(text);
  if (year == 0) throw std::runtime_error(path + ": no year in the title (\"关于YYYY年部分节假日安排的通知\"): give --year");
  auto days = core::parse_holiday_notice(year, text);
  if (!days) throw std::runtime_error(path + ": " + days.error().message);
  return std::move(*days);
}

std::vector<core::CalendarDay> read_holiday_json(const std::string& path) {
  auto in = open_file(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(buffer.str(), ec);
  if (ec || !doc.is_object()) throw std::runtime_error(path + ": not a holiday-cn JSON file");
  std::vector<core::CalendarDay> days;
  const auto* list = doc.as_object().if_contains("days");
  if (list == nullptr || !list->is_array()) throw std::runtime_error(path + ": missing days[]");
  for (const auto& item : list->as_array()) {
    const auto* obj = item.if_object();
    if (obj == nullptr) throw std::runtime_error(path + ": a day is not an object");
    const auto* date_text = obj->if_contains("date");
    const auto* off = obj->if_contains("isOffDay");
    const auto* name = obj->if_contains("name");
    if (date_text == nullptr || !date_text->is_string() || off == nullptr || !off->is_bool())
      throw std::runtime_error(path + ": a day needs date and isOffDay");
    auto date = core::parse_date(std::string_view(date_text->as_string()));
    if (!date) throw std::runtime_error(path + ": bad date " + std::string(date_text->as_string()));
    std::string day_name = name != nullptr && name->is_string() ? std::string(name->as_string()) : "";
    days.push_back(core::CalendarDay{*date, off->as_bool(), day_name});
  }
  return days;
}

ReferenceData load_reference_data(const std::string& data_dir) {
  fs::path root(data_dir);
  ReferenceData data;
  for (const auto& file : files_with_extension(root / "units", ".csv")) {
    auto units = read_units_csv(file.string());
    data.units.insert(data.units.end(), units.begin(), units.end());
  }
  // The divisions file holds the city root; put the city's tree first so parents precede children.
  std::stable_sort(data.units.begin(), data.units.end(), [](const core::Unit& a, const core::Unit& b) {
    return a.parent_id.empty() && !b.parent_id.empty();
  });
  data.categories = read_taxonomy_csv((root / "taxonomy" / "categories.csv").string());
  for (const auto& file : files_with_extension(root / "calendar", ".json")) {
    auto days = read_holiday_json(file.string());
    data.calendar_days.insert(data.calendar_days.end(), days.begin(), days.end());
  }
  return data;
}

void store_reference_data(const ReferenceData& data, core::ReferenceRepository& repo) {
  auto check = [](const core::Result<void>& r, const char* what) {
    if (!r) throw std::runtime_error(std::string("storing ") + what + " failed: " + r.error().message);
  };
  check(repo.upsert_units(data.units), "units");
  check(repo.add_categories(data.categories), "categories");
  check(repo.upsert_calendar_days(data.calendar_days), "calendar");
}

std::vector<core::Unit> city_units(const std::string& divisions_dir, const std::string& city_code) {
  const auto city = text::read_city_divisions(divisions_dir, city_code);
  std::vector<core::Unit> units;
  units.reserve(city.divisions.size() + 1);
  units.push_back({city.city_code, "", core::UnitKind::city, city.city_name, true});
  for (const auto& division : city.divisions) {  // districts first, then streets
    const bool district = division.kind == text::DivisionKind::district;
    units.push_back({division.code, district ? city.city_code : division.district_code,
                     district ? core::UnitKind::district : core::UnitKind::street, division.name, true});
  }
  return units;
}

std::string city_of(const core::UnitTree& units) {
  for (const auto& unit : units.units()) {
    if (unit.kind == core::UnitKind::city && unit.parent_id.empty()) return unit.id;
  }
  return {};
}

}  // namespace hotline::tools
