#include "wire/utf8.hpp"

#include <gtest/gtest.h>

namespace hotline::wire {
namespace {

TEST(Utf8, AcceptsAsciiChineseAndFourByteCharacters) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("小区噪音"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
}

TEST(Utf8, RefusesGbkTruncatedOverlongAndSurrogates) {
  EXPECT_FALSE(is_valid_utf8("\xD0\xA1\xC7\xF8"));  // "小区" in GBK
  EXPECT_FALSE(is_valid_utf8("\xE5\xB0"));          // truncated 小
  EXPECT_FALSE(is_valid_utf8("\x80"));              // stray continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

}  // namespace
}  // namespace hotline::wire
