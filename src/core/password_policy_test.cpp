#include "core/password_policy.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

void expect_refused(std::string_view password, std::string_view username, std::string_view words) {
  auto refused = check_password(password, username);
  ASSERT_FALSE(refused) << password;
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "password");
  EXPECT_NE(refused.error().message.find(words), std::string::npos) << refused.error().message;
}

TEST(PasswordPolicy, APasswordHasAtLeastTenCharacters) {
  expect_refused("", "agent", "at least 10");
  expect_refused("k9#mT2!q", "agent", "at least 10");   // 8: enough before issue #11
  expect_refused("k9#mT2!qZ", "agent", "at least 10");  // 9
  EXPECT_TRUE(check_password("k9#mT2!qZx", "agent"));
  // Characters, not bytes: nine Chinese characters are 27 bytes and still too short.
  expect_refused("热线服务便民利民为", "agent", "at least 10");
  EXPECT_TRUE(check_password("一二三四五六七八九十", "agent"));
  expect_refused(std::string(257, 'x') + "y", "agent", "at most 256");
}

TEST(PasswordPolicy, CommonPasswordsAreRefusedInAnyCase) {
  for (const char* common : {"1234567890", "QWERTYUIOP", "woaini1314", "1qaz2wsx3edc", "Password123", "5201314520",
                             "a123456789", "8888888888", "iloveyou1314", "0987654321"}) {
    expect_refused(common, "agent", "common");
  }
  EXPECT_TRUE(is_common_password("123456"));
  EXPECT_TRUE(is_common_password("5201314"));
  EXPECT_TRUE(is_common_password("QwErTy"));
  EXPECT_FALSE(is_common_password("hotline-demo"));
}

TEST(PasswordPolicy, NotTheUsernameAndNotOneCharacterRepeated) {
  expect_refused("dispatcher.chen", "Dispatcher.Chen", "username");
  expect_refused("zzzzzzzzzzzzzz", "agent", "one character");
}

TEST(PasswordPolicy, TheDemoAndTestPasswordsPass) {
  for (const char* password :
       {"hotline-demo", "password-123", "password-456", "password-789", "secret-pass", "correct-horse-42"})
    EXPECT_TRUE(check_password(password, "agent")) << password;
}

}  // namespace
}  // namespace hotline::core
