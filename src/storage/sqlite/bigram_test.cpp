#include "storage/sqlite/bigram.hpp"

#include <gtest/gtest.h>

namespace hotline::storage::sqlite {
namespace {

TEST(Bigram, DocumentPairsEachCharacterWithTheNextAndEndsEachField) {
  // 市 U+5E02, 民 U+6C11, a U+61
  EXPECT_EQ(bigram_document("市民", "a"), "5e02x6c11 6c11x0 61x0");
  EXPECT_EQ(bigram_document("", ""), "");
}

TEST(Bigram, QueryIsThePhraseOfItsBigrams) {
  EXPECT_EQ(bigram_query("市民a"), "\"5e02x6c11 6c11x61\"");
  EXPECT_EQ(bigram_query("市民"), "\"5e02x6c11\"");
}

TEST(Bigram, SingleCharacterQueryIsAPrefixQuery) { EXPECT_EQ(bigram_query("市"), "5e02x*"); }

TEST(Bigram, EmptyQueryIsEmpty) { EXPECT_EQ(bigram_query(""), ""); }

TEST(Bigram, QueryNeverContainsUserText) {
  auto query = bigram_query("\" OR 1=1; DROP TABLE tickets; --");
  EXPECT_EQ(query.find_first_not_of("0123456789abcdefx\"* "), std::string::npos);
}

TEST(Bigram, InvalidUtf8IsTakenBytewiseTheSameWayInDocumentAndQuery) {
  std::string broken = "a\xff" "b";
  EXPECT_EQ(bigram_document(broken, ""), "61xdcff dcffx62 62x0");
  EXPECT_EQ(bigram_query(broken), "\"61xdcff dcffx62\"");
}

}  // namespace
}  // namespace hotline::storage::sqlite
