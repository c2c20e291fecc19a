#include "text/labelled_file.hpp"

#include "text/deduplication.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace hotline::text {
namespace {

namespace fs = std::filesystem;

class LabelledFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("hotline_text_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  fs::path dir_;
};

TEST_F(LabelledFileTest, ReadsSampleReleaseFormat) {
  const auto rows = read_labelled_file(write("s.csv",
      "留言编号,留言用户,留言主题,留言时间,留言详情,一级分类\n"
      "24,A1,占道施工,2020-01-06,\"人行道被圈，\n安全隐患大\",城乡建设\n"));
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].title, "占道施工");
  EXPECT_EQ(rows[0].text, "人行道被圈，\n安全隐患大");
  EXPECT_EQ(rows[0].label, "城乡建设");
}

TEST_F(LabelledFileTest, ReadsTokenisedFormat) {
  const auto rows = read_labelled_file(write("t.csv",
      "row_no,一级标签,tokens,recovered_source,recovered_留言编号,recovered_score\n"
      "1,城乡建设,市 西湖 建筑,sample,24,1.000\n"));
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].title, "");
  EXPECT_EQ(rows[0].text, "市 西湖 建筑");
  EXPECT_EQ(rows[0].label, "城乡建设");
}

TEST_F(LabelledFileTest, ReadsRecoveredFormatPreferringTitleAndDetail) {
  const auto rows = read_labelled_file(write("r.csv",
      "row_no,一级标签,recovered_source,留言编号,留言用户,留言主题,留言时间,留言详情,title_plus_detail\n"
      "1,城乡建设,sample,24,A1,主题,2020-01-06,详情,\n"
      "2,教育文体,mars_dev,,,,,,主题详情连在一起\n"));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].title, "主题");
  EXPECT_EQ(rows[0].text, "详情");
  EXPECT_EQ(rows[1].title, "");
  EXPECT_EQ(rows[1].text, "主题详情连在一起");
}

TEST_F(LabelledFileTest, ReadsMarsSplitsAndGenericCsv) {
  EXPECT_EQ(read_labelled_file(write("m.csv", "split,line_no,一级标签,title_plus_detail\ndev,1,商贸旅游,价格\n"))[0].text, "价格");
  const auto rows = read_labelled_file(write("g.csv", "label,text,title\nA,正文,标题\n\nB,正文2,\n"));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].title, "标题");
  EXPECT_EQ(rows[1].label, "B");
}

TEST_F(LabelledFileTest, ReadsJsonLines) {
  const auto rows = read_labelled_file(write("d.jsonl", "{\"title\":\"t\",\"text\":\"x\",\"label\":\"A\"}\n\n{\"text\":\"y\",\"label\":\"B\"}\n"));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].text, "y");
  EXPECT_THROW((void)read_labelled_file(write("bad.jsonl", "{\"text\":\"y\"}\n")), std::runtime_error);
}

TEST_F(LabelledFileTest, BadRowNamesFileAndLine) {
  const auto path = write("bad.csv", "label,text\nA,ok\nB,too,many\n");
  try {
    (void)read_labelled_file(path);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":3:"), std::string::npos) << e.what();
  }
}

TEST_F(LabelledFileTest, UnknownHeaderAndMissingFileAreErrors) {
  EXPECT_THROW((void)read_labelled_file(write("u.csv", "a,b\n1,2\n")), std::runtime_error);
  EXPECT_THROW((void)read_labelled_file((dir_ / "missing.csv").string()), std::runtime_error);
  EXPECT_THROW((void)read_labelled_file(write("e.csv", "label,text\n,x\n")), std::runtime_error);
}

TEST(Deduplication, DropsExactDuplicatesIgnoringPunctuationWidthAndSpacing) {
  const std::vector<LabelledText> data = {
      {"", "小区物业管理混乱，请处理。", "城乡建设"},
      {"", "小区 物业 管理 混乱 请 处理", "城乡建设"},
      {"", "小區物業管理混亂！請處理", "环境保护"},
      {"", "学校乱收费", "教育文体"},
  };
  const auto result = deduplicate(data);
  ASSERT_EQ(result.kept.size(), 2U);
  EXPECT_EQ(result.removed, 2U);
  EXPECT_EQ(result.conflicting_labels, 1U);
  EXPECT_EQ(result.kept[1].text, "学校乱收费");
}

TEST(Deduplication, GroupsRawTextWithItsStopWordStrippedTokens) {
  const std::vector<LabelledText> data = {
      {"A市西湖建筑集团占道施工有安全隐患", "A3区大道西行便道，未管所路口至加油站路段，人行道包括路灯杆，被圈西湖建筑集团燕子山安置房项目施工围墙内。", "城乡建设"},
      {"", "市 西湖 建筑 集团 占 道 施工 安全隐患 A3 区 大道 西行 道 未管 路口 加油站 路段 人行道 包括 路灯 杆 圈 西湖 建筑 集团 燕子 山 安置 房 项目 施工 围墙", "城乡建设"},
      {"学校乱收费", "孩子所在学校收取补课费和资料费，家长负担很重。", "教育文体"},
  };
  const auto groups = near_duplicate_groups(data);
  EXPECT_EQ(groups[0], groups[1]);
  EXPECT_NE(groups[0], groups[2]);
}

}  // namespace
}  // namespace hotline::text
