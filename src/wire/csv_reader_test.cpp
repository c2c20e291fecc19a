#include "wire/csv_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

namespace hotline::wire {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& csv) {
  std::istringstream in(csv);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  while (reader.next(fields)) records.push_back(fields);
  return records;
}

using Records = std::vector<std::vector<std::string>>;

TEST(CsvReader, ReadsPlainFieldsAndMissingFinalNewline) {
  EXPECT_EQ(read_all("a,b,c\n1,2,3"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReader, QuotedFieldsKeepCommasNewlinesAndDoubledQuotes) {
  EXPECT_EQ(read_all("id,text\n1,\"他说，\"\"你好\"\"\n第二行\"\n"),
            (Records{{"id", "text"}, {"1", "他说，\"你好\"\n第二行"}}));
}

TEST(CsvReader, EmptyFieldsAndEmptyQuotedField) {
  EXPECT_EQ(read_all(",\"\",x\n"), (Records{{"", "", "x"}}));
}

TEST(CsvReader, AcceptsCrLfAndSkipsUtf8Bom) {
  EXPECT_EQ(read_all("\xEF\xBB\xBFh1,h2\r\nv1,v2\r\n"), (Records{{"h1", "h2"}, {"v1", "v2"}}));
}

TEST(CsvReader, ReportsStartLineOfMultilineRecord) {
  std::istringstream in("h\n\"a\nb\"\nc\n");
  CsvReader reader(in);
  std::vector<std::string> fields;
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.line(), 1U);
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.line(), 2U);
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.line(), 4U);
  EXPECT_FALSE(reader.next(fields));
}

TEST(CsvReader, UnterminatedQuoteIsAnErrorNamingTheLine) {
  try {
    read_all("h\n\"open\n");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, DataAfterClosingQuoteIsAnError) {
  EXPECT_THROW(read_all("\"a\"b,c\n"), std::runtime_error);
}

TEST(CsvReader, GbkTextIsAnErrorNamingTheLine) {
  // "小区" in GBK (D0 A1 C7 F8): not UTF-8.
  try {
    read_all("id,text\n1,ok\n2,\xD0\xA1\xC7\xF8\n");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3: not UTF-8"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_all("1,小区\n"), (Records{{"1", "小区"}}));
}

TEST(CsvReader, EmptyInputHasNoRecords) { EXPECT_TRUE(read_all("").empty()); }

}  // namespace
}  // namespace hotline::wire
