// AuthService: sessions end after their lifetime and after idle time; their last use is written
// at most once per touch interval.

#include <gtest/gtest.h>

#include "core/auth_service.hpp"
#include "storage/memory/audit_repository.hpp"
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

// Counts the session lookups and `touch_session` writes that reach storage.
class CountingUsers final : public UserRepository {
 public:
  Result<User> create_user(const User& user) override { return inner_.create_user(user); }
  Result<void> update_user(const User& user) override { return inner_.update_user(user); }
  Result<void> record_login(std::int64_t id, Timestamp at) override { return inner_.record_login(id, at); }
  Result<User> find_user(std::int64_t id) override { return inner_.find_user(id); }
  Result<User> find_user_by_name(const std::string& name) override { return inner_.find_user_by_name(name); }
  Result<std::vector<User>> list_users() override { return inner_.list_users(); }
  Result<void> create_session(const Session& session) override { return inner_.create_session(session); }
  Result<Session> find_session(const std::string& digest) override {
    ++lookups;
    return inner_.find_session(digest);
  }
  Result<void> delete_session(const std::string& digest) override { return inner_.delete_session(digest); }
  Result<void> touch_session(const std::string& digest, Timestamp at) override {
    ++touches;
    return inner_.touch_session(digest, at);
  }
  Result<int> delete_user_sessions(std::int64_t user_id, const std::string& keep) override {
    return inner_.delete_user_sessions(user_id, keep);
  }

  int lookups = 0;
  int touches = 0;

 private:
  storage::memory::InMemoryUserRepository inner_;
};

constexpr const char* kPassword = "correct-horse-42";

class SessionExpiryTest : public ::testing::Test {
 protected:
  SessionExpiryTest() : clock_(sys_days{year{2024} / 3 / 4} + hours{2}), reference_(reference_repo_) {
    EXPECT_TRUE(reference_.reload());
    EXPECT_TRUE(auth_.add_user(NewUser{"agent.chen", kPassword, Role::agent, "", ""}));
  }
  std::string sign_in() {
    auto login = auth_.login("agent.chen", kPassword, "198.51.100.7");
    EXPECT_TRUE(login) << login.error().message;
    return login ? login->token : std::string{};
  }
  std::string why_refused(const std::string& token) {
    auto actor = auth_.authenticate(token);
    if (actor) return "accepted";
    EXPECT_EQ(actor.error().code, ErrorCode::unauthenticated);
    return actor.error().message;
  }

  FixedClock clock_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  CountingUsers users_;
  storage::memory::InMemoryAuditRepository audit_;
  ReferenceService reference_;
  PlainHasher hasher_;
  CountingTokens tokens_;
  AuthService auth_{
      users_, audit_, reference_, hasher_, tokens_, clock_, SessionPolicy{hours{2}, minutes{30}, minutes{1}}};
};

TEST_F(SessionExpiryTest, ASessionEndsAfterItsLifetimeHoweverBusy) {
  std::string token = sign_in();
  for (int i = 0; i < 11; ++i) {
    clock_.advance(10min);
    ASSERT_EQ(why_refused(token), "accepted") << i;
  }
  clock_.advance(10min);  // 2 h after sign-in
  EXPECT_EQ(why_refused(token), "session expired");
}

TEST_F(SessionExpiryTest, ASessionEndsAfterIdleTimeAndEachRequestRestartsIt) {
  std::string token = sign_in();
  clock_.advance(29min);
  ASSERT_EQ(why_refused(token), "accepted");
  clock_.advance(29min);
  ASSERT_EQ(why_refused(token), "accepted");
  clock_.advance(30min);
  EXPECT_EQ(why_refused(token), "session expired after inactivity");
  EXPECT_EQ(why_refused(token), "session expired after inactivity");  // from storage too now
}

TEST_F(SessionExpiryTest, IdleExpiryHoldsForASessionNotInTheCache) {
  std::string token = sign_in();  // never authenticated: not cached, last seen at sign-in
  clock_.advance(30min);
  EXPECT_EQ(why_refused(token), "session expired after inactivity");
}

TEST_F(SessionExpiryTest, LastSeenIsWrittenAtMostOncePerMinute) {
  std::string token = sign_in();
  for (int i = 0; i < 100; ++i) ASSERT_EQ(why_refused(token), "accepted");
  EXPECT_EQ(users_.touches, 0);  // seen at sign-in, within the minute
  EXPECT_EQ(users_.lookups, 1);  // then cached
  for (int second = 0; second < 180; ++second) {
    clock_.advance(1s);
    ASSERT_EQ(why_refused(token), "accepted");
    ASSERT_EQ(why_refused(token), "accepted");
  }
  EXPECT_EQ(users_.touches, 3);  // at 60 s, 120 s and 180 s
  auto digest = tokens_.digest(token);
  // The session in storage knows the last write, so a restart keeps the idle clock.
  EXPECT_EQ(users_.find_session(digest)->last_seen_at, clock_.now());
}

TEST_F(SessionExpiryTest, ThePolicyCanBeReplacedBeforeServing) {
  auth_.set_session_policy(SessionPolicy{hours{1}, minutes{5}, seconds{30}});
  EXPECT_EQ(auth_.session_policy().idle_timeout, minutes{5});
  auto login = auth_.login("agent.chen", kPassword, "198.51.100.7");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->expires_at, clock_.now() + hours{1});
  clock_.advance(5min);
  EXPECT_EQ(why_refused(login->token), "session expired after inactivity");
}

}  // namespace
}  // namespace hotline::core
