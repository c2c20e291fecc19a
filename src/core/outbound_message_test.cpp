#include "core/outbound_message.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using std::chrono::seconds;

TEST(RetryRule, DoublesFromTheBaseUpToTheCapWithFullJitter) {
  const RetryPolicy policy{seconds{30}, seconds{600}, 10};
  EXPECT_EQ(next_attempt_delay(policy, 1, 1.0), seconds{30});
  EXPECT_EQ(next_attempt_delay(policy, 2, 1.0), seconds{60});
  EXPECT_EQ(next_attempt_delay(policy, 3, 1.0), seconds{120});
  EXPECT_EQ(next_attempt_delay(policy, 5, 1.0), seconds{480});
  EXPECT_EQ(next_attempt_delay(policy, 6, 1.0), seconds{600});
  EXPECT_EQ(next_attempt_delay(policy, 9, 1.0), seconds{600});
}

TEST(RetryRule, JitterScalesTheDelayIntoItsUpperHalf) {
  const RetryPolicy policy{seconds{40}, seconds{3600}, 10};
  EXPECT_EQ(next_attempt_delay(policy, 2, 0.0), seconds{40});
  EXPECT_EQ(next_attempt_delay(policy, 2, 0.5), seconds{60});
  EXPECT_EQ(next_attempt_delay(policy, 2, 1.0), seconds{80});
  // Out-of-range jitter is clamped, never a shorter or longer wait.
  EXPECT_EQ(next_attempt_delay(policy, 2, -3.0), seconds{40});
  EXPECT_EQ(next_attempt_delay(policy, 2, 7.0), seconds{80});
}

TEST(RetryRule, GivesUpAtTheMaximumAttempts) {
  const RetryPolicy policy{seconds{30}, seconds{600}, 3};
  EXPECT_TRUE(next_attempt_delay(policy, 2, 0.5));
  EXPECT_EQ(next_attempt_delay(policy, 3, 0.5), std::nullopt);
  EXPECT_EQ(next_attempt_delay(policy, 4, 0.5), std::nullopt);
}

TEST(RetryRule, HugeAttemptCountsDoNotOverflowAndTinyDelaysStayAtOneSecond) {
  const RetryPolicy policy{seconds{1}, seconds{1 << 20}, 1 << 30};
  EXPECT_EQ(next_attempt_delay(policy, 1 << 29, 1.0), seconds{1 << 20});
  EXPECT_EQ(next_attempt_delay(RetryPolicy{seconds{0}, seconds{0}, 5}, 1, 0.0), seconds{1});
}

TEST(MessageRules, RecipientMustBeAMainlandMobileNumber) {
  EXPECT_TRUE(validate_recipient("13800138000"));
  EXPECT_TRUE(validate_recipient("19912345678"));
  for (const char* bad : {"12800138000", "1380013800", "138001380001", "+8613800138000", "1380013800x",
                          "138 0013 8000", ""}) {
    auto checked = validate_recipient(bad);
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().field, "recipient");
  }
}

TEST(MessageRules, TextLengthCountsCharactersNotBytes) {
  std::string chinese;
  for (std::size_t i = 0; i < kMaxOutboundTextChars; ++i) chinese += "码";  // 3 bytes each
  EXPECT_TRUE(validate_message_text(chinese));
  auto long_text = validate_message_text(chinese + "a");
  ASSERT_FALSE(long_text);
  EXPECT_EQ(long_text.error().field, "text");
  EXPECT_EQ(utf8_length("验证码 1234"), std::optional<std::size_t>{8});
  EXPECT_EQ(utf8_length("😀"), std::optional<std::size_t>{1});
}

TEST(MessageRules, TextMustBeValidUtf8AndNotBlank) {
  EXPECT_FALSE(validate_message_text(""));
  EXPECT_FALSE(validate_message_text(" \n\t"));
  EXPECT_FALSE(validate_message_text("\xe7\xa0"));          // truncated
  EXPECT_FALSE(validate_message_text("\xc0\xaf"));          // overlong
  EXPECT_FALSE(validate_message_text("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(validate_message_text("ok\x80"));            // stray continuation
  EXPECT_EQ(utf8_length("\xf4\x90\x80\x80"), std::nullopt);  // above U+10FFFF
}

TEST(MessageRules, KindsAndStatesRoundTripTheirNames) {
  for (auto kind : {MessageKind::one_time_code, MessageKind::ticket_registered, MessageKind::ticket_replied,
                    MessageKind::other})
    EXPECT_EQ(parse_message_kind(to_string(kind)), kind);
  for (auto state : {MessageState::pending, MessageState::sending, MessageState::sent, MessageState::failed})
    EXPECT_EQ(parse_message_state(to_string(state)), state);
  EXPECT_EQ(to_string(MessageKind::one_time_code), "one_time_code");
  EXPECT_EQ(parse_message_state("queued"), std::nullopt);
  EXPECT_EQ(parse_message_kind(""), std::nullopt);
}

}  // namespace
}  // namespace hotline::core
