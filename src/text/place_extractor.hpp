#pragma once

#include "text/aho_corasick.hpp"
#include "text/divisions.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hotline::text {

struct PlaceOptions {
  // A short form (name without its 区/县/市 or 街道/镇/乡/街 suffix) needs at least this many
  // characters left; single characters (the 石 of 石镇) would match everywhere.
  std::size_t min_short_chars = 2;
  // Short forms that are ordinary words ("人民" of 人民街道, "路口" of 路口镇) are never
  // matched; full names still are. Added to the built-in list (`default_stop_short_forms`).
  std::vector<std::string> extra_stop_short_forms;
  // Phrases in which a name is an ordinary word ("蓝天白云", "矿泉水"): a match of one of them
  // hides the names inside it. Added to the built-in list (`default_blocking_phrases`).
  std::vector<std::string> extra_blocking_phrases;
};

// One reading of the text: a district, or a street/town and its district. Ids are the NBS
// codes used as unit ids (see `Division`).
struct PlaceCandidate {
  std::string district_id;
  std::string street_id;  // empty for a district-only reading
  std::string name;       // official name of the street (or district), e.g. "石牌街道"
  double score = 0.0;     // confidence in [0, 1], see `PlaceExtractor`
  std::size_t mentions = 0;
};

struct PlaceResult {
  std::string district_id;  // best district; empty if none was found
  std::string street_id;    // best street/town; empty if none or ambiguous
  double score = 0.0;       // confidence of the best reading; 0 if nothing was found
  bool ambiguous = false;   // the best street name exists in several districts and the text names none of them
  std::vector<PlaceCandidate> candidates;  // all readings, best first (both readings when ambiguous)
};

// Finds the district and street/town a citizen message is about, among one city's divisions.
//
// Matches official names ("天河区", "石牌街道") and short forms ("天河", "石牌"; "朝阳街" and
// "朝阳" of 朝阳街街道) with one Aho-Corasick pass over the UTF-8 text; overlapping matches are
// resolved longest first ("望城坡" beats "望城"). Short forms are not matched when they are in
// the stop list, when they are part of a blocking phrase ("蓝天白云"), when they equal the city's own short name ("长沙" of 长沙县), or when a road
// word follows them ("黄兴路" is a road, not 黄兴镇). A name shared by a district and a street
// ("岳麓") reads as the district. A street name shared by several districts takes the one whose
// district the text also names; otherwise the result is ambiguous, every reading is listed and
// each scores lower (0.8 / readings).
//
// Scores: street by full name 0.95, by short form 0.8, +0.05 when its district is also named,
// x0.6 when the text names only other districts; district alone 0.9 full, 0.75 short. Readings
// rank by score, then mentions, then first position. Pass normalised text (`TextNormalizer`)
// to match traditional characters. Immutable after construction; `extract` is thread-safe.
class PlaceExtractor {
 public:
  explicit PlaceExtractor(const CityDivisions& city, const PlaceOptions& options = {});

  [[nodiscard]] PlaceResult extract(std::string_view text) const;

  // The built-in stop list of short forms that are ordinary words.
  [[nodiscard]] static const std::vector<std::string>& default_stop_short_forms();
  // The built-in list of phrases that hide the names inside them.
  [[nodiscard]] static const std::vector<std::string>& default_blocking_phrases();

  [[nodiscard]] std::size_t pattern_count() const { return patterns_.size(); }

 private:
  struct Reading {
    std::uint32_t division = 0;  // index into divisions_
    bool short_form = false;
  };

  // Fills `readings_` and returns the pattern texts (same order).
  std::vector<std::string> build_patterns(const CityDivisions& city, const PlaceOptions& options);

  std::vector<Division> divisions_;
  std::vector<std::vector<Reading>> readings_;  // per pattern (empty: a blocking phrase); filled with `patterns_`
  std::vector<std::string> patterns_;
  AhoCorasick automaton_;
};

}  // namespace hotline::text
