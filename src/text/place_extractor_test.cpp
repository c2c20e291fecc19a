#include "text/place_extractor.hpp"

#include "wire/csv_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace hotline::text {
namespace {

// The real divisions of Guangzhou and Changsha from data/divisions, read once.
const CityDivisions& guangzhou() {
  static const CityDivisions city = read_city_divisions(HOTLINE_DIVISIONS_DIR, "4401");
  return city;
}
const CityDivisions& changsha() {
  static const CityDivisions city = read_city_divisions(HOTLINE_DIVISIONS_DIR, "4301");
  return city;
}
const PlaceExtractor& guangzhou_places() {
  static const PlaceExtractor extractor(guangzhou());
  return extractor;
}
const PlaceExtractor& changsha_places() {
  static const PlaceExtractor extractor(changsha());
  return extractor;
}

TEST(CityDivisions, ReadsGuangzhouDistrictsAndStreets) {
  const auto& city = guangzhou();
  EXPECT_EQ(city.city_name, "广州市");
  const auto districts = std::count_if(city.divisions.begin(), city.divisions.end(),
                                       [](const Division& d) { return d.kind == DivisionKind::district; });
  EXPECT_EQ(districts, 11);
  EXPECT_EQ(city.divisions.size(), 11u + 178u);
  const auto shipai = std::find_if(city.divisions.begin(), city.divisions.end(), [](const Division& d) { return d.name == "石牌街道"; });
  ASSERT_NE(shipai, city.divisions.end());
  EXPECT_EQ(shipai->code, "440106006");
  EXPECT_EQ(shipai->district_code, "440106");
}

TEST(CityDivisions, UnknownCityOrDirectoryThrows) {
  EXPECT_THROW((void)read_city_divisions(HOTLINE_DIVISIONS_DIR, "9999"), std::runtime_error);
  EXPECT_THROW((void)read_city_divisions("/nonexistent", "4401"), std::runtime_error);
}

TEST(PlaceExtractor, FullNamesGiveDistrictAndStreet) {
  const auto result = guangzhou_places().extract("天河区石牌街道华师附近的工地晚上施工");
  EXPECT_EQ(result.district_id, "440106");
  EXPECT_EQ(result.street_id, "440106006");
  EXPECT_FALSE(result.ambiguous);
  EXPECT_DOUBLE_EQ(result.score, 1.0);  // 0.95 + district agrees
}

TEST(PlaceExtractor, ShortFormsAreMatched) {
  const auto result = guangzhou_places().extract("我住在天河石牌，楼下烧烤油烟很大");
  EXPECT_EQ(result.district_id, "440106");
  EXPECT_EQ(result.street_id, "440106006");
  EXPECT_NEAR(result.score, 0.85, 1e-9);
}

TEST(PlaceExtractor, DistrictAloneGivesNoStreet) {
  const auto result = guangzhou_places().extract("番禺区的地铁站什么时候开通");
  EXPECT_EQ(result.district_id, "440113");
  EXPECT_EQ(result.street_id, "");
  EXPECT_NEAR(result.score, 0.9, 1e-9);
}

TEST(PlaceExtractor, SharedStreetNameIsAmbiguousWithoutDistrict) {
  // 新塘 is 新塘街道 in 天河区 and 新塘镇 in 增城区.
  const auto result = guangzhou_places().extract("新塘这边的路灯坏了一个月");
  EXPECT_TRUE(result.ambiguous);
  EXPECT_EQ(result.street_id, "");
  EXPECT_EQ(result.district_id, "");
  ASSERT_EQ(result.candidates.size(), 2u);
  EXPECT_NEAR(result.score, 0.4, 1e-9);
  EXPECT_EQ(result.candidates[0].street_id, "440106022");
  EXPECT_EQ(result.candidates[1].street_id, "440118101");
}

TEST(PlaceExtractor, SharedStreetNameTakesTheNamedDistrict) {
  const auto result = guangzhou_places().extract("增城新塘的工厂排放废气");
  EXPECT_FALSE(result.ambiguous);
  EXPECT_EQ(result.district_id, "440118");
  EXPECT_EQ(result.street_id, "440118101");
}

TEST(PlaceExtractor, StopListedShortFormsAreOrdinaryWords) {
  // 人民 (人民街道), 建设 (建设街道), 北京 (北京街道) are ordinary words; full names still match.
  EXPECT_TRUE(guangzhou_places().extract("希望人民政府加快建设，向北京学习").candidates.empty());
  EXPECT_EQ(guangzhou_places().extract("越秀区人民街道").street_id, "440104010");
}

TEST(PlaceExtractor, BlockingPhrasesHideNamesInside) {
  EXPECT_TRUE(guangzhou_places().extract("还我们蓝天白云").candidates.empty());  // 白云 (白云区)
  EXPECT_TRUE(guangzhou_places().extract("宝怡矿泉水厂噪音").candidates.empty());  // 矿泉 (矿泉街道)
  EXPECT_EQ(guangzhou_places().extract("白云区的蓝天白云").district_id, "440111");
  PlaceOptions options;
  options.extra_blocking_phrases = {"石牌坊"};
  const PlaceExtractor extractor(guangzhou(), options);
  EXPECT_TRUE(extractor.extract("古老的石牌坊").candidates.empty());
}

TEST(PlaceExtractor, ExtraStopShortFormsAreHonoured) {
  PlaceOptions options;
  options.extra_stop_short_forms = {"石牌"};
  const PlaceExtractor extractor(guangzhou(), options);
  EXPECT_EQ(extractor.extract("石牌附近").street_id, "");
  EXPECT_EQ(extractor.extract("石牌街道附近").street_id, "440106006");
}

TEST(PlaceExtractor, ShortFormBeforeRoadWordIsARoad) {
  // 黄兴路 is a road in the city centre, not 黄兴镇 of 长沙县.
  EXPECT_TRUE(changsha_places().extract("黄兴路步行街噪音扰民").candidates.empty());
  EXPECT_EQ(changsha_places().extract("长沙县黄兴镇的垃圾站").street_id, "430121102");
}

TEST(PlaceExtractor, LongestOverlappingNameWins) {
  // 望城坡 (街道 of 岳麓区) contains 望城 (望城区).
  const auto result = changsha_places().extract("望城坡附近的菜市场");
  EXPECT_EQ(result.street_id, "430104006");
  EXPECT_EQ(result.district_id, "430104");
}

TEST(PlaceExtractor, NameOfDistrictAndStreetReadsAsDistrict) {
  const auto result = changsha_places().extract("岳麓的房价");
  EXPECT_EQ(result.district_id, "430104");
  EXPECT_EQ(result.street_id, "");
}

TEST(PlaceExtractor, CityShortNameIsNotADistrict) {
  // 长沙县 would shorten to 长沙, the city itself.
  EXPECT_TRUE(changsha_places().extract("长沙的夏天很热").candidates.empty());
}

TEST(PlaceExtractor, StreetInAnotherNamedDistrictScoresLower) {
  // 洋湖 is in 岳麓区, the text names 雨花区 only.
  const auto result = changsha_places().extract("雨花区的人去洋湖湿地公园");
  EXPECT_EQ(result.district_id, "430111");
  EXPECT_EQ(result.street_id, "");
  ASSERT_EQ(result.candidates.size(), 2u);
  EXPECT_NEAR(result.candidates[1].score, 0.8 * 0.6, 1e-9);
}

TEST(PlaceExtractor, SyntheticCityWithTownAndStreetSuffixes) {
  CityDivisions city;
  city.city_code = "9901";
  city.city_name = "测试市";
  city.divisions = {{"990101", "东区", DivisionKind::district, "990101"},
                    {"990102", "西城县", DivisionKind::district, "990102"},
                    {"990101001", "朝阳街街道", DivisionKind::street, "990101"},
                    {"990102101", "石镇", DivisionKind::street, "990102"},
                    {"990102201", "清水乡", DivisionKind::street, "990102"}};
  const PlaceExtractor extractor(city);
  EXPECT_EQ(extractor.extract("清水的水").street_id, "990102201");   // 乡 stripped
  EXPECT_EQ(extractor.extract("西城").district_id, "990102");        // 县 stripped
  EXPECT_TRUE(extractor.extract("东边").candidates.empty());          // 东 is one character: no short form
  EXPECT_TRUE(extractor.extract("石头").candidates.empty());          // 石 likewise
  EXPECT_EQ(extractor.extract("朝阳街口").street_id, "990101001");    // 街 of 街街道 stripped once
  EXPECT_TRUE(extractor.extract("朝阳升起").candidates.empty());      // 朝阳 is on the stop list
  EXPECT_TRUE(extractor.extract("").candidates.empty());
}

struct SampleScore {
  std::size_t street_tp = 0, street_fp = 0, street_fn = 0;
};

// Street/town hits of the extractor on a hand-checked sample in tests/data/text (columns
// source,source_id,city,text,district_id,street_id,reason; see docs/benchmarks.md).
SampleScore score_sample(const std::string& file, const PlaceExtractor& extractor) {
  std::ifstream in(std::string(HOTLINE_TEXT_TEST_DATA) + "/" + file, std::ios::binary);
  wire::CsvReader reader(in);
  std::vector<std::string> row;
  EXPECT_TRUE(reader.next(row));  // header
  SampleScore score;
  while (reader.next(row)) {
    EXPECT_EQ(row.size(), 7u);
    if (row.size() != 7) continue;
    const auto result = extractor.extract(row[3]);
    if (!result.street_id.empty() && result.street_id == row[5]) ++score.street_tp;
    else {
      if (!result.street_id.empty()) ++score.street_fp;
      if (!row[5].empty()) ++score.street_fn;
    }
  }
  return score;
}

// Regression guards at the figures reported in docs/benchmarks.md.
TEST(PlaceExtractor, HandCheckedSamplesKeepTheirScores) {
  const auto changsha_sample = score_sample("places_tipdm_labelled.csv", changsha_places());
  EXPECT_GE(changsha_sample.street_tp, 21u);
  EXPECT_LE(changsha_sample.street_fp, 9u);
  const auto guangzhou_sample = score_sample("places_guangzhou_team.csv", guangzhou_places());
  EXPECT_GE(guangzhou_sample.street_tp, 27u);
  EXPECT_EQ(guangzhou_sample.street_fp, 0u);
}

}  // namespace
}  // namespace hotline::text
