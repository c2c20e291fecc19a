#include "text/place_extractor.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace hotline::text {

namespace {

constexpr double kStreetFull = 0.95;
constexpr double kStreetShort = 0.8;
constexpr double kDistrictFull = 0.9;
constexpr double kDistrictShort = 0.75;
constexpr double kDistrictAgrees = 0.05;
constexpr double kDistrictDisagrees = 0.6;

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Shorter names a message may use for a division, longest first, without the official one.
std::vector<std::string> short_forms(const Division& division) {
  std::vector<std::string> out;
  std::string name = division.name;
  if (division.kind == DivisionKind::district) {
    for (const char* suffix : {"区", "县", "市"}) {
      if (ends_with(name, suffix) && !ends_with(name, "自治县")) {
        out.push_back(name.substr(0, name.size() - std::string_view(suffix).size()));
        break;
      }
    }
    return out;
  }
  if (ends_with(name, "办事处")) {
    name.resize(name.size() - std::string_view("办事处").size());
    out.push_back(name);
  }
  if (ends_with(name, "街道")) {
    name.resize(name.size() - std::string_view("街道").size());
    out.push_back(name);
    if (ends_with(name, "街")) out.push_back(name.substr(0, name.size() - std::string_view("街").size()));
    return out;
  }
  for (const char* suffix : {"镇", "乡"}) {
    if (ends_with(name, suffix)) {
      out.push_back(name.substr(0, name.size() - std::string_view(suffix).size()));
      break;
    }
  }
  return out;
}

// A short form followed by a road word names a road, which often runs far from the division
// of that name ("黄兴路" is in the city centre, 黄兴镇 in 长沙县).
bool road_follows(std::string_view text, std::size_t end) {
  const std::string_view rest = text.substr(end);
  for (const std::string_view road : {"路", "大道", "大街", "街", "巷", "道"}) {
    if (rest.substr(0, road.size()) == road) return true;
  }
  return false;
}

struct Accumulated {
  std::string name;
  double score = 0.0;
  std::size_t mentions = 0;
  std::size_t first = 0;
  bool ambiguous = false;
};

}  // namespace

const std::vector<std::string>& PlaceExtractor::default_stop_short_forms() {
  // Short forms that are ordinary words or the names of famous things elsewhere. Chosen by
  // reading the short forms of Guangzhou (4401) and Changsha (4301), and by counting which
  // Guangzhou short forms occur in the Changsha messages of the TipDM data (every such hit is
  // a false positive there); see docs/benchmarks.md.
  static const std::vector<std::string> words = {
      // Guangzhou
      "北京", "人民", "建设", "前进", "太平", "温泉", "街口", "城郊", "凤凰", "龙凤", "滨江", "永和", "中南", "新华",
      "珠江", "长兴", "人和", "太和", "石门", "大石", "花城", "花山", "新港", "东环", "沙头", "永平", "同和", "同德",
      "新市", "金沙", "江南中", "南华西", "东沙", "海龙", "大塘", "联和", "黄石", "中新", "永宁", "小楼", "正果",
      "南村", "钟村", "大龙", "龙湖", "天园", "兴华", "花地", "江海", "华林", "站前", "金花", "彩虹", "大东", "矿泉", "农林", "桥中",
      // Changsha
      "路口", "果园", "先锋", "东方红", "火星", "学士", "莲花", "雷锋", "白马", "长龙", "关口", "小河", "朝阳", "荷花",
      "中和", "永安", "金刚", "茶亭", "东岸", "天顶", "新河", "东山", "北山", "官渡", "镇头", "高坪",
  };
  return words;
}

const std::vector<std::string>& PlaceExtractor::default_blocking_phrases() {
  // Found by running the Guangzhou extractor over the Changsha messages of the TipDM data.
  static const std::vector<std::string> phrases = {"蓝天白云", "矿泉水", "农林局", "农林用地", "山林和", "大桥南", "人民政府"};
  return phrases;
}

std::vector<std::string> PlaceExtractor::build_patterns(const CityDivisions& city, const PlaceOptions& options) {
  std::unordered_set<std::string> stop(default_stop_short_forms().begin(), default_stop_short_forms().end());
  stop.insert(options.extra_stop_short_forms.begin(), options.extra_stop_short_forms.end());
  if (ends_with(city.city_name, "市")) stop.insert(city.city_name.substr(0, city.city_name.size() - std::string_view("市").size()));
  std::map<std::string, std::vector<Reading>> by_text;  // ordered: deterministic pattern numbers
  for (std::size_t d = 0; d < divisions_.size(); ++d) {
    const auto index = static_cast<std::uint32_t>(d);
    by_text[divisions_[d].name].push_back({index, false});
    for (const std::string& form : short_forms(divisions_[d])) {
      if (utf8_length(form) < options.min_short_chars || stop.count(form) != 0) continue;
      by_text[form].push_back({index, true});
    }
  }
  for (const auto* list : {&default_blocking_phrases(), &options.extra_blocking_phrases}) {
    for (const std::string& phrase : *list) by_text.try_emplace(phrase);  // no readings
  }
  std::vector<std::string> patterns;
  for (auto& [text, readings] : by_text) {
    // A text that names a division officially never also reads as another's short form; a
    // short form shared by a district and its streets reads as the district ("岳麓").
    const bool any_full = std::any_of(readings.begin(), readings.end(), [](const Reading& r) { return !r.short_form; });
    const bool any_district = std::any_of(readings.begin(), readings.end(), [&](const Reading& r) {
      return divisions_[r.division].kind == DivisionKind::district;
    });
    std::erase_if(readings, [&](const Reading& r) {
      return (any_full && r.short_form) || (any_district && divisions_[r.division].kind != DivisionKind::district);
    });
    patterns.push_back(text);
    readings_.push_back(std::move(readings));
  }
  return patterns;
}

PlaceExtractor::PlaceExtractor(const CityDivisions& city, const PlaceOptions& options)
    : divisions_(city.divisions), patterns_(build_patterns(city, options)), automaton_(patterns_) {}

PlaceResult PlaceExtractor::extract(std::string_view text) const {
  std::vector<PatternMatch> matches;
  automaton_.find_all(text, matches);
  // Drop short forms used as road names, then keep the longest of overlapping matches.
  std::erase_if(matches, [&](const PatternMatch& m) {
    const auto& readings = readings_[m.pattern];
    return !readings.empty() && readings.front().short_form && road_follows(text, m.end);
  });
  std::sort(matches.begin(), matches.end(), [](const PatternMatch& a, const PatternMatch& b) {
    const std::size_t la = a.end - a.begin;
    const std::size_t lb = b.end - b.begin;
    return la != lb ? la > lb : a.begin < b.begin;
  });
  std::vector<bool> taken(text.size(), false);
  std::vector<PatternMatch> chosen;
  for (const PatternMatch& m : matches) {
    if (std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(m.begin), taken.begin() + static_cast<std::ptrdiff_t>(m.end),
                    [](bool t) { return t; })) {
      continue;
    }
    std::fill(taken.begin() + static_cast<std::ptrdiff_t>(m.begin), taken.begin() + static_cast<std::ptrdiff_t>(m.end), true);
    chosen.push_back(m);
  }
  std::sort(chosen.begin(), chosen.end(), [](const PatternMatch& a, const PatternMatch& b) { return a.begin < b.begin; });

  // Districts the text names, each with its best score.
  std::map<std::string, Accumulated> districts;
  for (const PatternMatch& m : chosen) {
    for (const Reading& r : readings_[m.pattern]) {
      const Division& d = divisions_[r.division];
      if (d.kind != DivisionKind::district) continue;
      auto [it, inserted] = districts.try_emplace(d.code, Accumulated{d.name, 0.0, 0, m.begin, false});
      it->second.score = std::max(it->second.score, r.short_form ? kDistrictShort : kDistrictFull);
      ++it->second.mentions;
    }
  }
  // Street readings, keyed by (district, street).
  std::map<std::pair<std::string, std::string>, Accumulated> streets;
  for (const PatternMatch& m : chosen) {
    std::vector<const Reading*> readings;
    for (const Reading& r : readings_[m.pattern]) {
      if (divisions_[r.division].kind == DivisionKind::street) readings.push_back(&r);
    }
    if (readings.empty()) continue;
    if (readings.size() > 1) {
      std::vector<const Reading*> named;
      for (const Reading* r : readings) {
        if (districts.count(divisions_[r->division].district_code) != 0) named.push_back(r);
      }
      if (!named.empty()) readings = named;
    }
    const bool ambiguous = readings.size() > 1;
    for (const Reading* r : readings) {
      const Division& d = divisions_[r->division];
      double score = r->short_form ? kStreetShort : kStreetFull;
      if (ambiguous) {
        score /= static_cast<double>(readings.size());
      } else if (districts.count(d.district_code) != 0) {
        score = std::min(1.0, score + kDistrictAgrees);
      } else if (!districts.empty()) {
        score *= kDistrictDisagrees;
      }
      auto [it, inserted] = streets.try_emplace({d.district_code, d.code}, Accumulated{d.name, 0.0, 0, m.begin, ambiguous});
      it->second.score = std::max(it->second.score, score);
      it->second.ambiguous = it->second.ambiguous && ambiguous;
      ++it->second.mentions;
    }
  }

  struct Ranked {
    PlaceCandidate candidate;
    std::size_t first = 0;
    bool ambiguous = false;
  };
  std::vector<Ranked> ranked;
  std::set<std::string> districts_with_street;
  for (const auto& [key, acc] : streets) {
    ranked.push_back({{key.first, key.second, acc.name, acc.score, acc.mentions}, acc.first, acc.ambiguous});
    if (!acc.ambiguous) districts_with_street.insert(key.first);
  }
  for (const auto& [code, acc] : districts) {
    if (districts_with_street.count(code) == 0) ranked.push_back({{code, "", acc.name, acc.score, acc.mentions}, acc.first, false});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.candidate.score != b.candidate.score) return a.candidate.score > b.candidate.score;
    if (a.candidate.mentions != b.candidate.mentions) return a.candidate.mentions > b.candidate.mentions;
    if (a.first != b.first) return a.first < b.first;
    return a.candidate.street_id < b.candidate.street_id;
  });
  PlaceResult result;
  for (const Ranked& r : ranked) result.candidates.push_back(r.candidate);
  if (ranked.empty()) return result;
  const Ranked& best = ranked.front();
  result.score = best.candidate.score;
  if (!best.ambiguous) {
    result.district_id = best.candidate.district_id;
    result.street_id = best.candidate.street_id;
    return result;
  }
  // The best reading is an ambiguous street: name no street; keep a district the text names.
  result.ambiguous = true;
  for (const Ranked& r : ranked) {
    if (!r.ambiguous) {
      result.district_id = r.candidate.district_id;
      break;
    }
  }
  return result;
}

}  // namespace hotline::text
