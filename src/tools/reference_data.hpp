#pragma once
// Reads the reference data shipped in the repository's data/ folder (see data/README.md): the
// unit tree, the category taxonomy and the official holiday calendar. File I/O lives here, not in
// core. Every function throws std::runtime_error naming the file (and line) on bad input.

#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/reference_repository.hpp"
#include "core/unit.hpp"

namespace hotline::tools {

// Default location of the shipped data/ folder (the source tree's, fixed at build time).
std::string default_data_dir();

// CSV with header `id,parent_id,kind,name`; parents must come before children.
std::vector<core::Unit> read_units_csv(const std::string& path);
// CSV with header `一级分类,二级分类,三级分类`.
std::vector<core::Category> read_taxonomy_csv(const std::string& path);
// One holiday-cn JSON file: {"year":…, "days":[{"name","date","isOffDay"}]}.
std::vector<core::CalendarDay> read_holiday_json(const std::string& path);

// The State Council's holiday notice in a text file (UTF-8) read into calendar days
// (core::parse_holiday_notice). `year` 0: taken from the title ("关于2027年部分节假日安排的通知").
// Throws std::runtime_error naming the file and the line.
std::vector<core::CalendarDay> read_holiday_notice(const std::string& path, int year = 0);
// The year of a notice's title, 0 when the text has none.
int holiday_notice_year(std::string_view text);

struct ReferenceData {
  std::vector<core::Unit> units;
  std::vector<core::Category> categories;
  std::vector<core::CalendarDay> calendar_days;
};

// Everything under `data_dir` (units/*.csv, taxonomy/categories.csv, calendar/*.json).
ReferenceData load_reference_data(const std::string& data_dir);

// Stores `data` through `repo` (all or nothing per kind); throws std::runtime_error on failure.
void store_reference_data(const ReferenceData& data, core::ReferenceRepository& repo);

// The unit tree's places of one city from the divisions files in `divisions_dir` (as in
// data/divisions): the city (kind city, id its 4-digit code, no parent), its districts and their
// streets/towns, ids the NBS codes, parents first. Throws std::runtime_error for an unknown code
// or unreadable files.
std::vector<core::Unit> city_units(const std::string& divisions_dir, const std::string& city_code);

// The code of the city at the root of `units` ("4401"), empty when there is none.
std::string city_of(const core::UnitTree& units);

}  // namespace hotline::tools
