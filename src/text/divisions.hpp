#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hotline::text {

enum class DivisionKind {
  district,  // 县级: 区, 县, 县级市
  street,    // 乡级: 街道, 镇, 乡 (and a few statistical units such as 林场)
};

// One administrative division below the city, identified by its NBS statistical code, which
// is also its unit id in `data/units/` (district: 6 digits, street/town: 9 digits).
struct Division {
  std::string code;
  std::string name;           // official name, e.g. "天河区", "石牌街道"
  DivisionKind kind = DivisionKind::district;
  std::string district_code;  // the district it belongs to (its own code for a district)
};

struct CityDivisions {
  std::string city_code;  // 4 digits, e.g. "4401"
  std::string city_name;  // e.g. "广州市"
  std::vector<Division> divisions;  // districts first, then streets, each in file order
};

// Reads the districts and streets of one city from `directory`, which holds the NBS files of
// modood/Administrative-divisions-of-China: `cities.csv` (code,name,provinceCode), `areas.csv`
// (code,name,cityCode,provinceCode) and `streets.csv` (code,name,areaCode,provinceCode,cityCode),
// as in `data/divisions/`. Throws std::runtime_error for a missing or malformed file or a city
// code that is not in `cities.csv`.
[[nodiscard]] CityDivisions read_city_divisions(const std::string& directory, std::string_view city_code);

}  // namespace hotline::text
