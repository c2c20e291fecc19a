#include "core/auth_service.hpp"

#include <gtest/gtest.h>

#include "storage/memory/reference_repository.hpp"
#include "storage/memory/user_repository.hpp"

namespace hotline::core {
namespace {

using namespace std::chrono;

class PlainHasher final : public PasswordHasher {
 public:
  std::string hash(const std::string& password) override { return "plain:" + password; }
  bool verify(const std::string& hash, const std::string& password) override { return hash == "plain:" + password; }
};

class CountingTokens final : public TokenGenerator {
 public:
  std::string new_token() override { return "token-" + std::to_string(++next_); }
  std::string digest(const std::string& token) override { return "digest:" + token; }

 private:
  int next_ = 0;
};

constexpr const char* kPassword = "correct-horse-42";

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest() : clock_(sys_days{year{2024} / 3 / 4} + hours{2}), reference_(reference_repo_) {
    EXPECT_TRUE(reference_.reload());
  }

  Result<User> add(const std::string& username, const std::string& password = kPassword) {
    return auth_.add_user(NewUser{username, password, Role::agent, "", ""});
  }

  FixedClock clock_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  storage::memory::InMemoryUserRepository users_;
  ReferenceService reference_;
  PlainHasher hasher_;
  CountingTokens tokens_;
  AuthService auth_{users_, reference_, hasher_, tokens_, clock_};
};

TEST_F(AuthServiceTest, UsernamesAreUniqueRegardlessOfCase) {
  ASSERT_TRUE(add("Agent.Chen"));
  for (const char* name : {"agent.chen", "AGENT.CHEN", "agent.Chen"}) {
    auto taken = add(name);
    ASSERT_FALSE(taken) << name;
    EXPECT_EQ(taken.error().code, ErrorCode::conflict);
    EXPECT_EQ(taken.error().field, "username");
  }
  // The account signs in however its name is typed and keeps the spelling it was given.
  auto login = auth_.login("agent.chen", kPassword);
  ASSERT_TRUE(login) << login.error().message;
  EXPECT_EQ(login->user.username, "Agent.Chen");
}

TEST_F(AuthServiceTest, ShortAndCommonPasswordsAreRefused) {
  // Both were accepted before issue #11 (8 characters were enough, and no list was consulted).
  for (const char* password : {"k9#mT2!q", "1234567890", "woaini1314", "Password123"}) {
    auto refused = add("agent.li", password);
    ASSERT_FALSE(refused) << password;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "password");
  }
  EXPECT_TRUE(add("agent.li", "hotline-demo"));
}

}  // namespace
}  // namespace hotline::core
