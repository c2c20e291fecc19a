#include "text/divisions.hpp"

#include "wire/csv_reader.hpp"

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <unordered_set>

namespace hotline::text {

namespace {

// Calls `row` for every record of `path` after checking that its header starts with `columns`.
void for_each_row(const std::string& path, const std::vector<std::string>& columns,
                  const std::function<void(const std::vector<std::string>&)>& row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  wire::CsvReader reader(in);
  std::vector<std::string> fields;
  if (!reader.next(fields) || fields.size() < columns.size() ||
      !std::equal(columns.begin(), columns.end(), fields.begin())) {
    throw std::runtime_error(path + ": unexpected header");
  }
  const std::size_t width = fields.size();
  while (reader.next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != width) {
      throw std::runtime_error(path + ":" + std::to_string(reader.line()) + ": expected " + std::to_string(width) + " fields");
    }
    row(fields);
  }
}

}  // namespace

CityDivisions read_city_divisions(const std::string& directory, std::string_view city_code) {
  CityDivisions city;
  city.city_code = city_code;
  for_each_row(directory + "/cities.csv", {"code", "name"}, [&](const std::vector<std::string>& f) {
    if (f[0] == city_code) city.city_name = f[1];
  });
  if (city.city_name.empty()) throw std::runtime_error("city code '" + std::string(city_code) + "' not in " + directory + "/cities.csv");
  std::unordered_set<std::string> districts;
  for_each_row(directory + "/areas.csv", {"code", "name", "cityCode"}, [&](const std::vector<std::string>& f) {
    if (f[2] != city_code) return;
    districts.insert(f[0]);
    city.divisions.push_back({f[0], f[1], DivisionKind::district, f[0]});
  });
  for_each_row(directory + "/streets.csv", {"code", "name", "areaCode"}, [&](const std::vector<std::string>& f) {
    if (districts.count(f[2]) == 0) return;
    city.divisions.push_back({f[0], f[1], DivisionKind::street, f[2]});
  });
  return city;
}

}  // namespace hotline::text
